/** One pickable field of a sample: where it lives and what it holds. */
export interface DataPath {
  /** JSONata path, e.g. `trigger.body.order.id` or `steps.n2.headers.`content-type``. */
  expression: string;
  /** Path relative to the section, e.g. `body.order.id`, for display. */
  label: string;
  preview: string;
  value: unknown;
}

const MAX_DEPTH = 5;
const MAX_PATHS = 200;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Path step in JSONata: plain names as is, others (`content-type`, `0`) in backticks. */
export function pathStep(key: string): string {
  return IDENTIFIER.test(key) ? key : `\`${key.replace(/`/g, '')}\``;
}

/** Every field of a sample value, objects first-level first, capped so huge payloads stay usable. */
export function listPaths(value: unknown, root: string): DataPath[] {
  const paths: DataPath[] = [];
  const walk = (current: unknown, expression: string, label: string, depth: number) => {
    if (paths.length >= MAX_PATHS) return;
    if (label) paths.push({ expression, label, preview: previewOf(current), value: current });
    if (depth >= MAX_DEPTH || current === null || typeof current !== 'object') return;
    const entries = Array.isArray(current)
      ? current.slice(0, 1).map((item, index) => [String(index), item] as const)
      : Object.entries(current);
    for (const [key, child] of entries) {
      const step = Array.isArray(current) ? `[${key}]` : `.${pathStep(key)}`;
      const childLabel = Array.isArray(current)
        ? `${label}[${key}]`
        : label
          ? `${label}.${key}`
          : key;
      walk(child, `${expression}${step}`, childLabel, depth + 1);
    }
  };
  walk(value, root, '', 0);
  return paths;
}

function previewOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value !== null && typeof value === 'object') return '{…}';
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
