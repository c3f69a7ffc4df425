import { useEffect, type RefObject } from 'react';
import type { FlowStore } from './flow-store';

/** Keys typed into a field belong to the field: its own undo, not the flow's. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/**
 * Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y redoes wherever focus is in the editor
 * (canvas, palette, side panel, toolbar) or nowhere in particular (after a click on plain text),
 * but never inside a text field or a dialog, and not at all while `disabled` (a run is shown).
 */
export function useUndoShortcuts(
  editor: RefObject<HTMLElement | null>,
  store: FlowStore,
  disabled: boolean,
): void {
  useEffect(() => {
    if (disabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTyping(event.target)) return;
      const target = event.target instanceof Node ? event.target : null;
      const inEditor = target === document.body || !!(target && editor.current?.contains(target));
      if (!inEditor || (target instanceof Element && target.closest('[role=dialog]'))) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) store.getState().undo();
      else if (key === 'y' || (key === 'z' && event.shiftKey)) store.getState().redo();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [editor, store, disabled]);
}
