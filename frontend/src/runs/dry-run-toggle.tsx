export interface DryRunToggleProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** "Dry run" for anything that starts a run: side-effecting steps describe instead of sending. */
export function DryRunToggle({ checked, onChange }: DryRunToggleProps) {
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
        />
        Dry run (don’t send anything)
      </label>
      {checked && (
        <p className="muted small">
          HTTP calls, messages, e-mails and webhooks are recorded with what they would have sent.
        </p>
      )}
    </>
  );
}
