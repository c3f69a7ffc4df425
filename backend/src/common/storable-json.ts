import type { FieldIssue } from './validated-body.js';

/** Deeper than any flow definition or config needs; deeper bodies only exhaust the stack later. */
export const MAX_JSON_DEPTH = 64;

// NUL cannot be stored in Postgres text or jsonb; a lone surrogate is rejected by jsonb.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first value in a parsed JSON body that Postgres cannot store, named by its field path (as
 * validation names fields: `definition.nodes.0.name`). Iterative, so depth cannot overflow it.
 */
export function unstorableField(body: unknown): FieldIssue | undefined {
  const pending: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  while (pending.length) {
    const { value, path } = pending.pop()!;
    const field = path.join('.') || '(body)';
    if (typeof value === 'string') {
      const problem = describe(value);
      if (problem) return { field, message: problem };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH)
      return { field, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = describe(key);
      if (keyProblem) return { field: [...path, key].join('.'), message: `name ${keyProblem}` };
      pending.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

function describe(text: string): string | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  return match[0] === '\u0000'
    ? 'contains a NUL character (\\u0000), which cannot be stored'
    : 'contains a lone UTF-16 surrogate, which is not valid Unicode';
}
