/** Says a production run of the open flow started; "Open" shows it on the canvas. */
export function NewRunToast({ onOpen, onDismiss }: { onOpen: () => void; onDismiss: () => void }) {
  return (
    <div className="live-toast" role="status" aria-label="New run">
      <span>New run from the production URL</span>
      <button type="button" className="button button--small button--primary" onClick={onOpen}>
        Open
      </button>
      <button type="button" className="button button--small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
