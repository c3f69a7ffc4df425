import jsonata from 'jsonata';
import type { ExpressionContext } from './expression-context';
import { ExpressionError } from './expression-error';
import { isWholeExpression, parseTemplate, type TemplateSegment } from './template';

export type CompiledTemplate = (context: ExpressionContext) => Promise<unknown>;

/**
 * Guards of every evaluation, enforced by JSONata itself between evaluation steps (a single slow
 * built-in, such as a pathological regex, cannot be interrupted).
 */
export const expressionLimits = { timeoutMs: 1000, maxDepth: 500, maxSequence: 100_000 };

// JSONata throws plain objects carrying a code, a message and the position of the problem.
interface JsonataFailure {
  message?: string;
  position?: number;
}

function compileExpression(
  segment: Extract<TemplateSegment, { kind: 'expression' }>,
): jsonata.Expression {
  if (segment.source.trim() === '') throw new ExpressionError('"{{ }}" is empty', segment.start);
  try {
    return jsonata(segment.source, {
      timeout: expressionLimits.timeoutMs,
      stack: expressionLimits.maxDepth,
      sequence: expressionLimits.maxSequence,
    });
  } catch (error) {
    throw toExpressionError(error, segment);
  }
}

function toExpressionError(
  error: unknown,
  segment: Extract<TemplateSegment, { kind: 'expression' }>,
): ExpressionError {
  const failure = (error ?? {}) as JsonataFailure;
  const offset = typeof failure.position === 'number' ? Math.max(0, failure.position - 1) : 0;
  const message = failure.message ?? String(error);
  return new ExpressionError(`${message} in {{${segment.source}}}`, segment.start + offset);
}

/** How a result is written into surrounding text: objects as JSON, nothing as ''. */
export function stringifyResult(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Compiles every `{{ }}` of a template once. A template that is exactly one `{{ expr }}` evaluates
 * to the expression's value with its type; otherwise to text. The expressions read only the
 * context passed in: no functions are registered, so they cannot reach JavaScript or the host.
 */
export function compileTemplate(template: string): CompiledTemplate {
  const segments = parseTemplate(template);
  const parts = segments.map((segment) =>
    segment.kind === 'text' ? segment.text : { segment, expression: compileExpression(segment) },
  );
  const evaluate = async (part: (typeof parts)[number], context: ExpressionContext) => {
    if (typeof part === 'string') return part;
    try {
      return (await part.expression.evaluate(context)) as unknown;
    } catch (error) {
      throw toExpressionError(error, part.segment);
    }
  };

  if (isWholeExpression(segments)) {
    const whole = parts.find((part) => typeof part !== 'string')!;
    return (context) => evaluate(whole, context);
  }
  return async (context) => {
    const values = await Promise.all(parts.map((part) => evaluate(part, context)));
    return values.map(stringifyResult).join('');
  };
}

/** Parse and compile problems of a template, for validation before publishing. */
export function findExpressionErrors(template: string): ExpressionError[] {
  let segments: TemplateSegment[];
  try {
    segments = parseTemplate(template);
  } catch (error) {
    return [error as ExpressionError];
  }
  return segments.flatMap((segment) => {
    if (segment.kind === 'text') return [];
    try {
      compileExpression(segment);
      return [];
    } catch (error) {
      return [error as ExpressionError];
    }
  });
}
