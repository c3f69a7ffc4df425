import type { SelectOption } from '@hookflow/shared';
import { useState } from 'react';
import { ExpressionInput } from './expression-input';

type Row = [name: string, value: string];

const sameContent = (rows: Row[], value: Record<string, string> | undefined) => {
  const entries = Object.entries(value ?? {});
  return (
    entries.length === new Set(rows.map(([key]) => key)).size &&
    entries.every(([key, text]) => rows.some((row) => row[0] === key && row[1] === text))
  );
};

/** Rows of name/value pairs (headers, query, fields); values may hold templates. */
export function KeyValueField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: Record<string, string> | undefined;
  onChange: (value: Record<string, string> | undefined) => void;
}) {
  // The rows keep the order typed: an object puts number-like names ("10", "2") first, so a
  // row would jump while its name is typed. An outside change (undo) brings the value's order.
  const [state, setState] = useState({ source: value, rows: Object.entries(value ?? {}) });
  let rows = state.rows;
  if (state.source !== value && !sameContent(state.rows, value)) {
    rows = Object.entries(value ?? {});
    setState({ source: value, rows });
  }
  const write = (next: Row[]) => {
    const written = next.length ? Object.fromEntries(next) : undefined;
    setState({ source: written, rows: next });
    onChange(written);
  };

  return (
    <div className="key-value" id={id}>
      {rows.map(([key, text], index) => (
        <div key={index} className="key-value__row">
          <input
            aria-label={`${label} name ${index + 1}`}
            value={key}
            placeholder="Name"
            onChange={(event) =>
              write(rows.map((row, i) => (i === index ? [event.target.value, row[1]] : row)))
            }
          />
          <div className="key-value__value">
            <ExpressionInput
              id={`${id}-value-${index}`}
              label={`${label}: ${key || 'value'}`}
              value={text}
              placeholder="Value"
              onChange={(next) => write(rows.map((row, i) => (i === index ? [row[0], next] : row)))}
            />
          </div>
          <button
            type="button"
            className="button button--small button--ghost"
            aria-label={`Remove ${label} ${key || index + 1}`}
            onClick={() => write(rows.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--small"
        // A new row needs a unique key until the user names it.
        onClick={() =>
          write([...rows, [rows.some(([key]) => key === '') ? `name${rows.length + 1}` : '', '']])
        }
      >
        + Add {label.toLowerCase()}
      </button>
    </div>
  );
}

export function MultiselectField({
  id,
  options,
  value,
  onChange,
}: {
  id: string;
  options: readonly SelectOption[];
  value: readonly string[] | undefined;
  onChange: (value: string[]) => void;
}) {
  const chosen = new Set(value ?? []);
  return (
    <div className="multiselect" id={id} role="group">
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.has(option.value)}
            onChange={(event) =>
              onChange(
                options
                  .map((o) => o.value)
                  .filter((v) => (v === option.value ? event.target.checked : chosen.has(v))),
              )
            }
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}

/** One entry per line. */
export function StringListField({
  id,
  value,
  placeholder,
  onChange,
}: {
  id: string;
  value: readonly string[] | undefined;
  placeholder?: string;
  onChange: (value: string[] | undefined) => void;
}) {
  return (
    <textarea
      id={id}
      rows={3}
      value={(value ?? []).join('\n')}
      placeholder={placeholder ? `${placeholder}\n(one per line)` : 'One per line'}
      onChange={(event) => {
        const lines = event.target.value.split('\n');
        // Keep a trailing empty line while typing so Enter starts the next entry.
        const items = lines.filter((line, index) => line !== '' || index === lines.length - 1);
        onChange(items.length === 1 && items[0] === '' ? undefined : items);
      }}
    />
  );
}
