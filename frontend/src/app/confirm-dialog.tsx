import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { Dialog } from './dialog';

export interface ConfirmOptions {
  title: string;
  /** What happens if the user goes ahead, in plain words. */
  message: ReactNode;
  /** The verb on the button that goes ahead, e.g. "Delete" or "Replay anyway". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Danger paints the confirm button red; the safe choice, Cancel, has the focus either way. */
  tone?: 'danger' | 'default';
}

/** An in-app replacement for `window.confirm()`: a labelled alert dialog with two answers. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel = 'Cancel',
  tone = 'danger',
  confirmDisabled = false,
  onConfirm,
  onCancel,
}: ConfirmOptions & {
  /** While something the answer depends on is still loading. */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const messageId = useId();
  return (
    <Dialog title={title} onClose={onCancel} role="alertdialog" describedBy={messageId}>
      <div id={messageId} className="confirm__message">
        {message}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={`button ${tone === 'danger' ? 'button--danger' : 'button--primary'}`}
          disabled={confirmDisabled}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * `const { confirm, dialog } = useConfirm()`; render `{dialog}` and `await confirm({...})`
 * where `window.confirm()` would have been: true once the user confirms, false on Cancel/Escape.
 */
export function useConfirm() {
  const [asked, setAsked] = useState<ConfirmOptions | null>(null);
  const answer = useRef<(confirmed: boolean) => void>(undefined);

  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        answer.current?.(false);
        answer.current = resolve;
        setAsked(options);
      }),
    [],
  );
  const settle = useCallback((confirmed: boolean) => {
    answer.current?.(confirmed);
    answer.current = undefined;
    setAsked(null);
  }, []);
  const cancel = useCallback(() => settle(false), [settle]);

  const dialog = asked && (
    <ConfirmDialog {...asked} onConfirm={() => settle(true)} onCancel={cancel} />
  );
  return { confirm, dialog };
}
