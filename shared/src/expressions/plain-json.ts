import type { ExpressionLimits } from './expression-limits';

/** A result that cannot be handed on as JSON: a function, or over a size limit. */
export class ResultError extends Error {}

// JSONata's own function values are objects marked like this; regex literals are JS functions.
const isFunctionValue = (value: object) =>
  typeof value === 'function' ||
  '_jsonata_lambda' in value ||
  '_jsonata_function' in value ||
  '_jsonata_native' in value;

const OWN_KEY = { enumerable: true, writable: true, configurable: true };

/**
 * A copy of an expression result as plain JSON. JSONata's sequences are arrays carrying extra
 * properties (one of them a function, which cannot be stored or sent to another thread); they
 * become plain arrays. Functions are refused, and so are results over the size or depth limit.
 * `undefined` stays `undefined` at the top, is dropped from objects and becomes null in arrays,
 * as in JSON.
 */
export function toPlainJson(
  value: unknown,
  limits: Pick<ExpressionLimits, 'maxResultLength' | 'maxResultDepth'>,
): unknown {
  let length = 0;
  const grow = (by: number) => {
    length += by;
    if (length > limits.maxResultLength)
      throw new ResultError(
        `The result is longer than ${limits.maxResultLength.toLocaleString('en')} characters as JSON`,
      );
  };
  const copy = (item: unknown, depth: number): unknown => {
    switch (typeof item) {
      case 'undefined':
        return undefined;
      case 'string':
        grow(item.length + 2);
        return item;
      case 'number':
        if (!Number.isFinite(item)) return (grow(4), null);
        grow(String(item).length);
        return item;
      case 'boolean':
        grow(5);
        return item;
      case 'bigint':
      case 'symbol':
        throw new ResultError(`The result contains a ${typeof item}, which JSON cannot hold`);
      case 'function':
      case 'object':
        break;
    }
    if (item === null) return (grow(4), null);
    if (isFunctionValue(item as object))
      throw new ResultError(
        'The result contains a function; call it, or pick values, to get data out of it',
      );
    if (depth >= limits.maxResultDepth)
      throw new ResultError(`The result is nested deeper than ${limits.maxResultDepth} levels`);
    grow(2);
    if (Array.isArray(item)) {
      return item.map((element) => {
        grow(1);
        const plain = copy(element, depth + 1);
        return plain === undefined ? (grow(4), null) : plain;
      });
    }
    const result: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(item as object)) {
      const plain = copy(element, depth + 1);
      if (plain === undefined) continue;
      grow(key.length + 4);
      // Assigning "__proto__" would set the prototype instead of adding the key.
      if (key === '__proto__') Object.defineProperty(result, key, { ...OWN_KEY, value: plain });
      else result[key] = plain;
    }
    return result;
  };
  return copy(value, 0);
}
