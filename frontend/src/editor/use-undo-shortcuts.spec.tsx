import { createDefaultDefinition } from '@hookflow/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { createFlowStore, type FlowStore } from './flow-store';
import { useUndoShortcuts } from './use-undo-shortcuts';

function Editor({ store, disabled = false }: { store: FlowStore; disabled?: boolean }) {
  const ref = useRef<HTMLElement>(null);
  useUndoShortcuts(ref, store, disabled);
  return (
    <>
      <section ref={ref}>
        <button type="button">Palette item</button>
        <input aria-label="Step name" />
        <div role="dialog">
          <button type="button">Dialog button</button>
        </div>
      </section>
      <button type="button">Outside</button>
    </>
  );
}

/** A store with one change to undo. */
function storeWithAStep() {
  const store = createFlowStore(createDefaultDefinition());
  store.getState().addNode('http.request', { x: 0, y: 0 });
  return store;
}

const nodeCount = (store: FlowStore) => store.getState().definition.nodes.length;

describe('useUndoShortcuts', () => {
  it('undoes and redoes from anywhere in the editor, and from nowhere in particular', () => {
    const store = storeWithAStep();
    render(<Editor store={store} />);

    fireEvent.keyDown(screen.getByRole('button', { name: 'Palette item' }), {
      key: 'z',
      ctrlKey: true,
    });
    expect(nodeCount(store)).toBe(1);
    fireEvent.keyDown(document.body, { key: 'Z', metaKey: true, shiftKey: true });
    expect(nodeCount(store)).toBe(2);
    fireEvent.keyDown(document.body, { key: 'z', metaKey: true });
    fireEvent.keyDown(screen.getByRole('button', { name: 'Palette item' }), {
      key: 'y',
      ctrlKey: true,
    });
    expect(nodeCount(store)).toBe(2);
  });

  it('leaves undo to text fields, dialogs and the rest of the page', () => {
    const store = storeWithAStep();
    render(<Editor store={store} />);

    for (const target of [
      screen.getByLabelText('Step name'),
      screen.getByRole('button', { name: 'Dialog button' }),
      screen.getByRole('button', { name: 'Outside' }),
    ]) {
      const notCancelled = fireEvent.keyDown(target, { key: 'z', ctrlKey: true });
      expect(notCancelled).toBe(true);
    }
    expect(nodeCount(store)).toBe(2);
  });

  it('does nothing while a run is shown', () => {
    const store = storeWithAStep();
    render(<Editor store={store} disabled />);
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    expect(nodeCount(store)).toBe(2);
  });
});
