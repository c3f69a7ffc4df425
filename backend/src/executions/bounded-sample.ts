import { SAMPLE_TRUNCATED } from '@hookflow/shared';

/** How much of one step's output the data picker gets: enough to pick paths, never megabytes. */
export interface SampleBounds {
  maxString: number;
  maxItems: number;
  maxKeys: number;
  maxDepth: number;
  /** Values (leaves and containers) kept in all; later ones become the marker. */
  maxValues: number;
}

export const SAMPLE_BOUNDS: SampleBounds = {
  maxString: 2_000,
  maxItems: 20,
  maxKeys: 200,
  maxDepth: 10,
  maxValues: 2_000,
};

/**
 * A copy of `value` cut to `bounds`: long strings end in the marker, long lists and objects
 * keep their first entries, and anything past the depth or value budget is the marker itself.
 * Lists keep their first items because the picker offers paths through `[0]`.
 */
export function boundSample(
  value: unknown,
  bounds: SampleBounds = SAMPLE_BOUNDS,
): { value: unknown; truncated: boolean } {
  let budget = bounds.maxValues;
  let truncated = false;
  const cut = () => {
    truncated = true;
    return SAMPLE_TRUNCATED;
  };
  const walk = (current: unknown, depth: number): unknown => {
    if (budget-- <= 0) return cut();
    if (typeof current === 'string') {
      if (current.length <= bounds.maxString) return current;
      truncated = true;
      return current.slice(0, bounds.maxString) + SAMPLE_TRUNCATED;
    }
    if (current === null || typeof current !== 'object') return current;
    if (depth >= bounds.maxDepth) return cut();
    if (Array.isArray(current)) {
      if (current.length > bounds.maxItems) truncated = true;
      return current.slice(0, bounds.maxItems).map((item) => walk(item, depth + 1));
    }
    const entries = Object.entries(current);
    if (entries.length > bounds.maxKeys) truncated = true;
    return Object.fromEntries(
      entries.slice(0, bounds.maxKeys).map(([key, child]) => [key, walk(child, depth + 1)]),
    );
  };
  const result = walk(value, 0);
  return { value: result, truncated };
}
