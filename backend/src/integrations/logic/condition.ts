const falseWords = new Set(['', 'false', '0', 'null', 'undefined']);

/**
 * Whether a resolved condition holds. Text fields may turn an expression's boolean into
 * "true"/"false", so those words count as their value; otherwise JSONata's `$boolean` rules
 * apply (0, empty text, empty lists and objects are false).
 */
export function isTruthy(value: unknown): boolean {
  if (typeof value === 'string') return !falseWords.has(value.trim().toLowerCase());
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (Array.isArray(value)) return value.some(isTruthy);
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
