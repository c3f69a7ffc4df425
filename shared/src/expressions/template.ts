import { ExpressionError } from './expression-error';

export type TemplateSegment =
  | { kind: 'text'; text: string }
  /** `start` is the offset of `source` in the template, for error positions. */
  | { kind: 'expression'; source: string; start: number };

/** Whether a value is a string holding at least one `{{ }}` template. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('{{');
}

/**
 * Splits `Hello {{ trigger.body.name }}!` into text and expression segments. The closing `}}` is
 * found outside JSONata string literals and object constructors, so `{{ {"a": {"b": 1}} }}` works.
 */
export function parseTemplate(template: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let cursor = 0;
  while (cursor < template.length) {
    const open = template.indexOf('{{', cursor);
    if (open === -1) break;
    if (open > cursor) segments.push({ kind: 'text', text: template.slice(cursor, open) });
    const start = open + 2;
    const close = findClose(template, start);
    if (close === -1) throw new ExpressionError('"{{" is never closed with "}}"', open);
    segments.push({ kind: 'expression', source: template.slice(start, close), start });
    cursor = close + 2;
  }
  if (cursor < template.length) segments.push({ kind: 'text', text: template.slice(cursor) });
  return segments;
}

function findClose(template: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < template.length; i++) {
    const ch = template[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
    } else if (ch === '{') {
      depth++;
    } else if (ch === '}') {
      if (depth === 0 && template[i + 1] === '}') return i;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

/** The single expression of a template that is exactly one `{{ expr }}` (blank text around it ignored). */
export function isWholeExpression(segments: TemplateSegment[]): boolean {
  const meaningful = segments.filter((s) => s.kind === 'expression' || s.text.trim() !== '');
  return meaningful.length === 1 && meaningful[0].kind === 'expression';
}
