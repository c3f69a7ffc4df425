import { useState } from 'react';
import type { PickedData } from '../forms/picker-context';
import { listPaths } from './data-paths';

export interface DataPickerSection {
  /** `trigger` or `steps.<nodeId>`: the root of the inserted expressions. */
  root: string;
  title: string;
  value: unknown;
  /** Where the value comes from, e.g. "from test run 2 min ago", "from your fields", "example". */
  source: string;
}

/** Lists the fields of the trigger and earlier steps; a click inserts one into the focused field. */
export function DataPicker({
  sections,
  targetLabel,
  onInsert,
}: {
  sections: DataPickerSection[];
  targetLabel: string | null;
  onInsert: (picked: PickedData) => void;
}) {
  const [open, setOpen] = useState<Record<string, boolean>>({ trigger: true });
  // Keep the focus (and caret) in the field being edited.
  const keepFocus = (event: React.MouseEvent) => event.preventDefault();

  return (
    <section className="data-picker" aria-label="Data picker">
      <h3 className="panel__subheading">Insert data</h3>
      <p className="muted small">
        {targetLabel
          ? `Click a field to insert it into “${targetLabel}”.`
          : 'Click into a text field first, then pick the data to insert.'}
      </p>
      {sections.map((section) => {
        const expanded = open[section.root] ?? false;
        return (
          <div key={section.root} className="data-picker__section">
            <button
              type="button"
              className="data-picker__toggle"
              aria-expanded={expanded}
              onClick={() => setOpen((state) => ({ ...state, [section.root]: !expanded }))}
            >
              {expanded ? '▾' : '▸'} {section.title}{' '}
              <span className="muted small data-picker__source">· {section.source}</span>
            </button>
            {expanded && (
              <ul className="data-picker__list">
                <li>
                  <button
                    type="button"
                    className="data-picker__path data-picker__whole"
                    disabled={!targetLabel}
                    title={`{{ ${section.root} }}`}
                    onMouseDown={keepFocus}
                    onClick={() => onInsert({ expression: section.root, value: section.value })}
                  >
                    <span className="data-picker__label">Insert the whole step output</span>
                  </button>
                </li>
                {listPaths(section.value, section.root).map((path) => (
                  <li key={path.expression}>
                    <button
                      type="button"
                      className="data-picker__path"
                      disabled={!targetLabel}
                      title={`{{ ${path.expression} }}`}
                      onMouseDown={keepFocus}
                      onClick={() => onInsert({ expression: path.expression, value: path.value })}
                    >
                      <span className="data-picker__label">{path.label}</span>
                      <span className="data-picker__preview">{path.preview}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}
