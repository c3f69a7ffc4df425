import { compileTemplate, type CompiledTemplate } from './compile-template';
import type { ExpressionContext } from './expression-context';
import { isExpression } from './template';

/** Compiled templates keyed by their text; keep one per flow version so it compiles once. */
export type ExpressionCache = Map<string, CompiledTemplate>;

export function compileCached(template: string, cache: ExpressionCache): CompiledTemplate {
  let compiled = cache.get(template);
  if (!compiled) {
    compiled = compileTemplate(template);
    cache.set(template, compiled);
  }
  return compiled;
}

/** Evaluates every template string found anywhere in `config` (objects and arrays, deeply). */
export async function resolveConfig<T>(
  config: T,
  cache: ExpressionCache,
  context: ExpressionContext,
): Promise<T> {
  return (await resolveValue(config, cache, context)) as T;
}

async function resolveValue(
  value: unknown,
  cache: ExpressionCache,
  context: ExpressionContext,
): Promise<unknown> {
  if (isExpression(value)) return compileCached(value, cache)(context);
  if (Array.isArray(value))
    return Promise.all(value.map((item) => resolveValue(item, cache, context)));
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(
        async ([key, item]) => [key, await resolveValue(item, cache, context)] as const,
      ),
    );
    return Object.fromEntries(entries);
  }
  return value;
}
