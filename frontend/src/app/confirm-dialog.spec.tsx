import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { useConfirm, type ConfirmOptions } from './confirm-dialog';

const deleting: ConfirmOptions = {
  title: 'Delete “Orders”?',
  message: 'The flow and all its runs are deleted.',
  confirmLabel: 'Delete flow',
};

/** A page with one risky button, saying what the user answered. */
function Page() {
  const { confirm, dialog } = useConfirm();
  const [answer, setAnswer] = useState('none');
  return (
    <>
      <button
        type="button"
        onClick={() => void confirm(deleting).then((yes) => setAnswer(String(yes)))}
      >
        Delete
      </button>
      <output aria-label="Answer">{answer}</output>
      {dialog}
    </>
  );
}

const open = () => {
  const opener = screen.getByRole('button', { name: 'Delete' });
  opener.focus();
  fireEvent.click(opener);
  return screen.getByRole('alertdialog', { name: 'Delete “Orders”?' });
};

describe(useConfirm.name, () => {
  it('asks in a labelled, described alert dialog with the focus on Cancel, and answers true', async () => {
    render(<Page />);
    const dialog = open();
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription('The flow and all its runs are deleted.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();

    fireEvent.click(screen.getByRole('button', { name: 'Delete flow' }));

    expect(await screen.findByText('true')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    // Focus goes back to the button that opened it.
    expect(screen.getByRole('button', { name: 'Delete' })).toHaveFocus();
  });

  it.each([
    ['Cancel', () => fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))],
    ['Escape', () => fireEvent.keyDown(window, { key: 'Escape' })],
    [
      'a click on the backdrop',
      () => fireEvent.mouseDown(screen.getByRole('alertdialog').parentElement!),
    ],
  ])('answers false on %s', async (_how, dismiss) => {
    render(<Page />);
    open();
    dismiss();
    expect(await screen.findByText('false')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('keeps Tab and Shift+Tab inside the dialog', () => {
    render(<Page />);
    const dialog = open();
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const confirm = screen.getByRole('button', { name: 'Delete flow' });

    confirm.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(cancel).toHaveFocus();
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(confirm).toHaveFocus();
  });
});
