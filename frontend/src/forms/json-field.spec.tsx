import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { formatJsonInsert, JsonField, jsonFieldHint } from './json-field';
import { findJsonProblem } from './json-text';
import { PickerContext, type InsertTarget } from './picker-context';

const total = { expression: 'steps.n2.total', value: 73.5 };

describe('JSON field', () => {
  it('inserts picks so their type is kept: whole value, quoted placeholder, or text in a string', () => {
    const at = (text: string, caret = text.indexOf('|')) =>
      formatJsonInsert(total, text.replace('|', ''), caret, caret);
    expect(at('|')).toBe('{{ steps.n2.total }}');
    expect(at('  |\n')).toBe('{{ steps.n2.total }}');
    expect(at('{"total": |}')).toBe('"{{ steps.n2.total }}"');
    expect(at('{"note": "Total: |"}')).toBe('{{ steps.n2.total }}');
    expect(at('{"a": "x\\"|"}')).toBe('{{ steps.n2.total }}');
    expect(at('["a", |]')).toBe('"{{ steps.n2.total }}"');
  });

  it('names what is wrong with text that is not JSON, where, and the likely fix', () => {
    expect(findJsonProblem('{"a": 1, "b": [true, null, -2.5e3], "c": {"d": "x"}}')).toBeNull();
    expect(findJsonProblem('{\n  "a": 1,\n  "b": 2,\n    ada\n}')).toMatchObject({
      line: 4,
      column: 5,
      message: 'unquoted name at line 4 col 5 — did you mean "ada"?',
    });
    expect(findJsonProblem('{"email": hello}')?.message).toBe(
      'unquoted text at line 1 col 11 — did you mean "hello"?',
    );
    expect(findJsonProblem('{"total": {{ steps.n2.total }}}')?.message).toBe(
      'unquoted text at line 1 col 11 — did you mean "{{ steps.n2.total }}"?',
    );
    expect(findJsonProblem('{"a": 1,}')?.message).toBe(
      'comma before } at line 1 col 8 — remove it',
    );
    expect(findJsonProblem('{"a": 1 "b": 2}')?.message).toBe(
      'missing comma at line 1 col 9 — add "," before "b"',
    );
    expect(findJsonProblem("{'a': 1}")?.message).toBe(
      'single quotes at line 1 col 2 — JSON needs "double quotes"',
    );
    expect(findJsonProblem('{"a": "x')?.message).toBe(
      'text in quotes at line 1 col 7 — close it with "',
    );
    expect(findJsonProblem('[1, 2')?.message).toBe(
      'missing ] at line 1 col 6 — close it at the end',
    );
    expect(jsonFieldHint('{{ steps.n2 }}')).toBe(
      'One {{ }} expression: sent as its value, type kept',
    );
    expect(jsonFieldHint('{"a": 1}')).toBe('JSON value');
  });

  it('previews a JSON body as the engine resolves it: each placeholder with its type', async () => {
    const sample = {
      trigger: {} as never,
      steps: { n2: { total: 73.5, email: 'a@b.c' } },
      execution: { id: 'preview', attempt: 1 },
      flow: { id: 'f', name: 'F' },
      vars: {},
    };
    render(
      <PickerContext.Provider value={{ sample, setTarget: () => undefined, teamId: null }}>
        <JsonField
          id="body"
          label="Body"
          value={{ total: '{{ steps.n2.total }}', to: 'Mail {{ steps.n2.email }}' }}
          onChange={() => undefined}
        />
      </PickerContext.Provider>,
    );
    expect(await screen.findByText('→ {"total":73.5,"to":"Mail a@b.c"}')).toBeVisible();
  });

  it('takes a number picked from the data picker into a JSON body as a typed value', () => {
    let target: InsertTarget | null = null;
    const values: unknown[] = [];
    function Harness() {
      const [value, setValue] = useState<unknown>(undefined);
      return (
        <PickerContext.Provider
          value={{ sample: null, setTarget: (next) => (target = next), teamId: null }}
        >
          <JsonField
            id="body"
            label="Body"
            value={value}
            onChange={(next) => {
              values.push(next);
              setValue(next);
            }}
          />
        </PickerContext.Provider>
      );
    }
    render(<Harness />);
    const body = document.getElementById('body') as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: '{"total": , "note": "n"}' } });
    expect(
      screen.getByText('Not JSON, sent as text: missing value at line 1 col 11'),
    ).toBeVisible();
    fireEvent.focus(body);
    body.setSelectionRange(10, 10);
    act(() => target!.insert(total));
    expect(values.at(-1)).toEqual({ total: '{{ steps.n2.total }}', note: 'n' });
    expect(screen.getByText('JSON value')).toBeVisible();
  });
});
