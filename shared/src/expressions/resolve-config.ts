import { compileTemplate, type CompiledTemplate } from './compile-template';
import type { ExpressionContext } from './expression-context';
import { ExpressionError } from './expression-error';
import type { ExpressionLimits } from './expression-limits';
import { isExpression } from './template';

/** Compiled templates keyed by their text; keep one per flow version so it compiles once. */
export type ExpressionCache = Map<string, CompiledTemplate>;

/**
 * Evaluates templates against one context, giving their values in order. Rejects with the
 * ExpressionError of the first template that fails, its `template` set. The backend's evaluator
 * runs them in a worker thread; `evaluateInProcess` runs them right here (editor previews, tests).
 */
export type TemplateEvaluator = (
  templates: readonly string[],
  context: ExpressionContext,
) => Promise<unknown[]>;

export function compileCached(
  template: string,
  cache: ExpressionCache,
  limits?: ExpressionLimits,
): CompiledTemplate {
  let compiled = cache.get(template);
  if (!compiled) {
    compiled = compileTemplate(template, limits);
    cache.set(template, compiled);
  }
  return compiled;
}

/** The error of `template` as an ExpressionError that names it. */
export function failureOf(template: string, error: unknown): unknown {
  if (!(error instanceof ExpressionError) || error.template === template) return error;
  return new ExpressionError(error.message, error.position, template);
}

export function evaluateInProcess(cache: ExpressionCache = new Map()): TemplateEvaluator {
  return (templates, context) =>
    Promise.all(
      templates.map(async (template) => {
        try {
          return await compileCached(template, cache)(context);
        } catch (error) {
          throw failureOf(template, error);
        }
      }),
    );
}

/** Adds every template string found anywhere in `value` (objects and arrays, deeply). */
export function collectTemplates(value: unknown, into: Set<string>): Set<string> {
  if (isExpression(value)) into.add(value);
  else if (Array.isArray(value)) value.forEach((item) => collectTemplates(item, into));
  else if (value !== null && typeof value === 'object')
    Object.values(value).forEach((item) => collectTemplates(item, into));
  return into;
}

/** `value` with every template string replaced by its value from `values`. */
export function substituteTemplates(value: unknown, values: ReadonlyMap<string, unknown>): unknown {
  if (isExpression(value)) return values.get(value);
  if (Array.isArray(value)) return value.map((item) => substituteTemplates(item, values));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteTemplates(item, values)]),
    );
  return value;
}

/** Evaluates the templates of `templates` in one call; their values keyed by template. */
export async function evaluateAll(
  templates: Iterable<string>,
  evaluate: TemplateEvaluator,
  context: ExpressionContext,
): Promise<Map<string, unknown>> {
  const list = [...templates];
  if (!list.length) return new Map();
  const values = await evaluate(list, context);
  return new Map(list.map((template, i) => [template, values[i]]));
}

/** Evaluates every template string found anywhere in `config`, all in one evaluator call. */
export async function resolveConfig<T>(
  config: T,
  evaluate: TemplateEvaluator,
  context: ExpressionContext,
): Promise<T> {
  const values = await evaluateAll(collectTemplates(config, new Set()), evaluate, context);
  return substituteTemplates(config, values) as T;
}
