import type { ExpressionContext } from './expression-context';

// `trigger.body.order.id`: names joined by dots. Words JSONata reads as operators or values
// are left to JSONata.
const PLAIN_PATH = /^\s*[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*\s*$/;
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/** The names of a plain path expression, or undefined when the source is anything else. */
export function plainPathOf(source: string): string[] | undefined {
  if (!PLAIN_PATH.test(source)) return undefined;
  const names = source.split('.').map((name) => name.trim());
  return names.some((name) => KEYWORDS.has(name)) ? undefined : names;
}

/** Marks a path that reached an array before its end: JSONata maps over it, this reader does not. */
export const NEEDS_JSONATA = Symbol('needs JSONata');

/**
 * Reads a plain path through objects as JSONata would (own properties only), in time linear in
 * the path. Through an array, JSONata maps and flattens; that is left to it.
 */
export function readPlainPath(context: ExpressionContext, names: readonly string[]): unknown {
  let value: unknown = context;
  for (const name of names) {
    if (Array.isArray(value)) return NEEDS_JSONATA;
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, name))
      return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}
