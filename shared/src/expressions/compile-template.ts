import jsonata from 'jsonata';
import { bindBoundedFunctions } from './bounded-functions';
import type { ExpressionContext } from './expression-context';
import { ExpressionError } from './expression-error';
import { expressionLimits, type ExpressionLimits } from './expression-limits';
import { compileLinearRegExp, LinearRegExp } from './linear-regexp';
import { NEEDS_JSONATA, plainPathOf, readPlainPath } from './path-expression';
import { toPlainJson } from './plain-json';
import { isWholeExpression, parseTemplate, type TemplateSegment } from './template';

export type CompiledTemplate = (context: ExpressionContext) => Promise<unknown>;

type ExpressionSegment = Extract<TemplateSegment, { kind: 'expression' }>;

// JSONata throws plain objects carrying a code, a message and the position of the problem.
interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
}

/** JSONata's wording for its guardrails, in ours (its range error even lacks a message). */
function describeFailure(failure: JsonataFailure, limits: ExpressionLimits): string | undefined {
  const sequence = `A sequence or range would hold more than ${limits.maxSequence.toLocaleString('en')} items`;
  const guardrails: Record<string, string> = {
    D1012: `Expression took longer than ${limits.timeoutMs} ms`,
    D1011: `Expression nests calls deeper than ${limits.maxDepth} levels (runaway recursion?)`,
    D2014: sequence,
    D2015: sequence,
  };
  return (failure.code && guardrails[failure.code]) || failure.message;
}

function toExpressionError(
  error: unknown,
  template: string,
  segment: ExpressionSegment,
  limits: ExpressionLimits,
): ExpressionError {
  if (error instanceof ExpressionError) return error;
  const failure = (error ?? {}) as JsonataFailure;
  const offset = typeof failure.position === 'number' ? Math.max(0, failure.position - 1) : 0;
  const message = describeFailure(failure, limits) ?? String(error);
  return new ExpressionError(
    `${message} in {{${segment.source}}}`,
    segment.start + offset,
    template,
  );
}

/** Regex literals are checked when compiling, so an unsupported one fails at publish. */
function checkRegexLiterals(node: unknown) {
  if (node instanceof RegExp) compileLinearRegExp(node);
  else if (Array.isArray(node)) node.forEach(checkRegexLiterals);
  else if (node !== null && typeof node === 'object')
    Object.values(node).forEach(checkRegexLiterals);
}

function compileExpression(
  template: string,
  segment: ExpressionSegment,
  limits: ExpressionLimits,
): jsonata.Expression {
  try {
    const expression = jsonata(segment.source, {
      timeout: limits.timeoutMs,
      stack: limits.maxDepth,
      sequence: limits.maxSequence,
      RegexEngine: LinearRegExp as unknown as RegExpConstructor,
    });
    checkRegexLiterals(expression.ast());
    bindBoundedFunctions(expression, limits);
    return expression;
  } catch (error) {
    throw toExpressionError(error, template, segment, limits);
  }
}

type SegmentEvaluator = (context: ExpressionContext) => Promise<unknown>;

/**
 * A plain path (`trigger.body.id`) is read directly: no JSONata, time linear in the path. Other
 * expressions, and paths that run into an array (JSONata maps over it), go through JSONata, with
 * the result made plain JSON.
 */
function compileSegment(
  template: string,
  segment: ExpressionSegment,
  limits: ExpressionLimits,
): SegmentEvaluator {
  if (segment.source.trim() === '')
    throw new ExpressionError('"{{ }}" is empty', segment.start, template);
  const names = plainPathOf(segment.source);
  let expression = names ? undefined : compileExpression(template, segment, limits);
  return async (context) => {
    if (names) {
      const value = readPlainPath(context, names);
      if (value !== NEEDS_JSONATA) return value;
    }
    expression ??= compileExpression(template, segment, limits);
    try {
      return toPlainJson(await expression.evaluate(context), limits);
    } catch (error) {
      throw toExpressionError(error, template, segment, limits);
    }
  };
}

/** How a result is written into surrounding text: objects as JSON, nothing as ''. */
export function stringifyResult(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The text of a template from its parts' values, refused once it outgrows the result limit. */
function joinText(template: string, values: unknown[], limits: ExpressionLimits): string {
  let length = 0;
  const texts = values.map((value) => {
    const text = stringifyResult(value);
    length += text.length;
    if (length > limits.maxResultLength)
      throw new ExpressionError(
        `The text is longer than ${limits.maxResultLength.toLocaleString('en')} characters`,
        0,
        template,
      );
    return text;
  });
  return texts.join('');
}

/**
 * Compiles every `{{ }}` of a template once. A template that is exactly one `{{ expr }}` evaluates
 * to the expression's value with its type; otherwise to text. The expressions read only the
 * context passed in: the functions registered are bounded versions of built-ins, so they cannot
 * reach JavaScript or the host. Results are plain JSON.
 */
export function compileTemplate(
  template: string,
  limits: ExpressionLimits = expressionLimits,
): CompiledTemplate {
  const segments = parseTemplate(template);
  const parts = segments.map((segment) =>
    segment.kind === 'text' ? segment.text : compileSegment(template, segment, limits),
  );
  if (isWholeExpression(segments)) {
    return parts.find((part) => typeof part !== 'string')!;
  }
  return async (context) =>
    joinText(
      template,
      await Promise.all(parts.map((part) => (typeof part === 'string' ? part : part(context)))),
      limits,
    );
}

/**
 * For templates whose expressions are all plain paths: a synchronous reader that needs no JSONata
 * and takes time linear in the template and the text it writes, safe to run on a busy thread. It
 * returns NEEDS_JSONATA when a path runs into an array. Other templates give undefined.
 */
export function compilePathTemplate(
  template: string,
  limits: ExpressionLimits = expressionLimits,
): ((context: ExpressionContext) => unknown) | undefined {
  let segments: TemplateSegment[];
  try {
    segments = parseTemplate(template);
  } catch {
    return undefined;
  }
  const parts = segments.map((segment) =>
    segment.kind === 'text' ? segment.text : plainPathOf(segment.source),
  );
  if (parts.some((part) => part === undefined)) return undefined;
  const read = (part: string | string[], context: ExpressionContext) =>
    typeof part === 'string' ? part : readPlainPath(context, part);

  if (isWholeExpression(segments)) {
    const whole = parts.find((part) => typeof part !== 'string')!;
    return (context) => read(whole, context);
  }
  return (context) => {
    const values = parts.map((part) => read(part!, context));
    return values.includes(NEEDS_JSONATA) ? NEEDS_JSONATA : joinText(template, values, limits);
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
      compileSegment(template, segment, expressionLimits);
      return [];
    } catch (error) {
      return [error as ExpressionError];
    }
  });
}
