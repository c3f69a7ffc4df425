import { useState } from 'react';
import { ExpressionInput } from './expression-input';

const toText = (value: unknown) =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);

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
  const [isJson, setIsJson] = useState(() => typeof value !== 'string');

  const change = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setIsJson(true);
      onChange(undefined);
      return;
    }
    try {
      onChange(JSON.parse(next));
      setIsJson(true);
    } catch {
      onChange(next);
      setIsJson(false);
    }
  };

  return (
    <>
      <ExpressionInput id={id} label={label} value={text} onChange={change} multiline code />
      <span className="field__hint">{isJson ? 'JSON value' : 'Not JSON: sent as text'}</span>
    </>
  );
}
