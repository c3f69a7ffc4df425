import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { KeyValueField } from './collection-fields';

function Harness({ onValue }: { onValue: (value: Record<string, string> | undefined) => void }) {
  const [value, setValue] = useState<Record<string, string> | undefined>(undefined);
  return (
    <>
      <KeyValueField
        id="fields"
        label="Fields"
        value={value}
        onChange={(next) => {
          onValue(next);
          setValue(next);
        }}
      />
      <button type="button" onClick={() => setValue({ x: '1', y: '2' })}>
        Undo
      </button>
    </>
  );
}

describe('KeyValueField', () => {
  it('keeps rows in the order typed, number-like names included', () => {
    const values: (Record<string, string> | undefined)[] = [];
    render(<Harness onValue={(value) => values.push(value)} />);
    const names = ['b', 'a', '10', '2'];
    names.forEach((name, index) => {
      fireEvent.click(screen.getByRole('button', { name: '+ Add fields' }));
      fireEvent.change(screen.getByLabelText(`Fields name ${index + 1}`), {
        target: { value: name },
      });
      fireEvent.change(document.getElementById(`fields-value-${index}`)!, {
        target: { value: `v${name}` },
      });
    });
    const shown = () =>
      names.map(
        (_, index) => (screen.getByLabelText(`Fields name ${index + 1}`) as HTMLInputElement).value,
      );
    expect(shown()).toEqual(['b', 'a', '10', '2']);
    expect(values.at(-1)).toEqual({ b: 'vb', a: 'va', '10': 'v10', '2': 'v2' });

    // A change from outside (undo) shows the value it brings.
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect((screen.getByLabelText('Fields name 1') as HTMLInputElement).value).toBe('x');
    expect((screen.getByLabelText('Fields name 2') as HTMLInputElement).value).toBe('y');
    expect(screen.queryByLabelText('Fields name 3')).not.toBeInTheDocument();
  });
});
