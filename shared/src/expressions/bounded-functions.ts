import type jsonata from 'jsonata';
import type { ExpressionLimits } from './expression-limits';

/** A built-in asked to build a string over the limit; JSONata reports `message` as it is. */
class LimitExceeded extends Error {}

const codePoints = (text: string) => Array.from(text);

function checkLength(fn: string, length: number, limits: ExpressionLimits) {
  if (length > limits.maxStringLength)
    throw new LimitExceeded(
      `${fn} would build ${length.toLocaleString('en')} characters; the limit is ` +
        limits.maxStringLength.toLocaleString('en'),
    );
}

/**
 * Built-ins replaced by versions that refuse to build a huge string in one go: each is a single
 * evaluation step, so JSONata's time limit cannot stop it (`$pad('', 1e8)` took minutes).
 * Semantics are JSONata's own.
 */
export function bindBoundedFunctions(expression: jsonata.Expression, limits: ExpressionLimits) {
  expression.registerFunction(
    'pad',
    (text: string | undefined, width: number, char?: string) => {
      if (text === undefined) return undefined;
      const target = Math.abs(Math.trunc(width));
      checkLength('$pad', target, limits);
      const fill = codePoints(char || ' ');
      const missing = target - codePoints(text).length;
      if (missing <= 0) return text;
      const padding =
        fill.length === 1
          ? fill[0].repeat(missing)
          : Array.from({ length: missing }, (_, i) => fill[i % fill.length]).join('');
      return width > 0 ? text + padding : padding + text;
    },
    '<s-ns?:s>',
  );
  expression.registerFunction(
    'join',
    (texts: string[] | undefined, separator = '') => {
      if (texts === undefined) return undefined;
      const length = texts.reduce(
        (sum, text, i) => sum + text.length + (i ? separator.length : 0),
        0,
      );
      checkLength('$join', length, limits);
      return texts.join(separator);
    },
    '<a<s>s?:s>',
  );
}
