import { useRef } from 'react';
import { ExpressionPreview } from './expression-preview';
import { HiddenUsername } from './hidden-username';
import { usePicker, type PickedData } from './picker-context';

/** The text a pick inserts at the caret (`start`…`end` of `text`). */
export type FormatInsert = (picked: PickedData, text: string, start: number, end: number) => string;

const asTemplate: FormatInsert = ({ expression }) => `{{ ${expression} }}`;

export interface ExpressionInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  code?: boolean;
  /** Whether `{{ }}` is allowed: such fields take data picker inserts and show a preview. */
  expression?: boolean;
  secret?: boolean;
  placeholder?: string;
  required?: boolean;
  /** How a pick is written into this field; `{{ path }}` by default. */
  formatInsert?: FormatInsert;
  /** What the preview evaluates, when not the text itself (a JSON field's parsed value). */
  previewValue?: unknown;
}

/** A text field that the data picker can insert into at the caret. */
export function ExpressionInput({
  id,
  label,
  value,
  onChange,
  multiline,
  code,
  expression = true,
  secret,
  placeholder,
  required,
  formatInsert = asTemplate,
  previewValue = value,
}: ExpressionInputProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const { setTarget } = usePicker();

  const onFocus = () => {
    if (!expression) return;
    setTarget({
      label,
      insert: (picked) => {
        const element = ref.current;
        const current = element?.value ?? value;
        const start = element?.selectionStart ?? current.length;
        const end = element?.selectionEnd ?? start;
        const text = formatInsert(picked, current, start, end);
        onChange(current.slice(0, start) + text + current.slice(end));
      },
    });
  };

  const common = {
    id,
    ref,
    value,
    placeholder,
    required,
    onFocus,
    className: code ? 'code' : undefined,
    spellCheck: code ? false : undefined,
  };
  return (
    <>
      {multiline ? (
        <textarea
          {...common}
          rows={code ? 6 : 3}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <>
          {secret && <HiddenUsername />}
          <input
            {...common}
            type={secret ? 'password' : 'text'}
            autoComplete={secret ? 'new-password' : 'off'}
            onChange={(event) => onChange(event.target.value)}
          />
        </>
      )}
      {expression && <ExpressionPreview value={previewValue} />}
    </>
  );
}
