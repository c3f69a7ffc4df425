import { isExpression, parseTemplate, isWholeExpression } from '@hookflow/shared';
import { useMemo, useState } from 'react';
import { ExpressionInput, type FormatInsert } from './expression-input';
import { findJsonProblem, isInsideJsonString } from './json-text';

const toText = (value: unknown) =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);

/**
 * Picks keep their type: an empty field becomes the whole-value `{{ path }}` (a number stays a
 * number, an object an object); in a value position the placeholder is quoted, which the engine
 * still evaluates to the typed value as the string is exactly one `{{ }}`; inside a string it
 * is text.
 */
export const formatJsonInsert: FormatInsert = ({ expression }, text, start, end) => {
  const placeholder = `{{ ${expression} }}`;
  if ((text.slice(0, start) + text.slice(end)).trim() === '') return placeholder;
  return isInsideJsonString(text, start) ? placeholder : `"${placeholder}"`;
};

function isWholeTemplate(text: string): boolean {
  try {
    return isExpression(text) && isWholeExpression(parseTemplate(text));
  } catch {
    return false;
  }
}

const parsedOrText = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** What the field will send, and for text that is not JSON, what is wrong and where. */
export function jsonFieldHint(text: string): string {
  if (text.trim() === '') return 'JSON value';
  const problem = findJsonProblem(text);
  if (!problem) return 'JSON value';
  if (isWholeTemplate(text)) return 'One {{ }} expression: sent as its value, type kept';
  return `Not JSON, sent as text: ${problem.message}`;
}

/**
 * Any JSON value. Text that parses as JSON is stored as that value; other text is stored as a
 * string (sent as is, templates allowed), so there is never an unsaveable state.
 */
export function JsonField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const [text, setText] = useState(() => toText(value));
  // Stable per text: the preview evaluates it again only when it changes.
  const parsed = useMemo(() => parsedOrText(text), [text]);

  const change = (next: string) => {
    setText(next);
    onChange(next.trim() === '' ? undefined : parsedOrText(next));
  };

  return (
    <>
      <ExpressionInput
        id={id}
        label={label}
        value={text}
        onChange={change}
        multiline
        code
        formatInsert={formatJsonInsert}
        previewValue={parsed}
      />
      <span className="field__hint">{jsonFieldHint(text)}</span>
    </>
  );
}
