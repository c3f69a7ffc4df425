import { getNodeDescription, samplePayloadFor } from '@hookflow/shared';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { flowsApi } from '../api/endpoints';
import { Dialog } from '../app/dialog';
import { RunRefusal } from '../app/issue-list';
import { useFlowStoreApi } from './flow-store-context';
import { DryRunToggle } from '../runs/dry-run-toggle';

export interface RunDialogProps {
  teamId: string;
  flowId: string;
  flush: () => Promise<void>;
  onClose: () => void;
  onStarted: (executionId: string) => void;
}

/** Runs the saved draft once with a payload the user can edit (the trigger's sample body by default). */
export function RunDialog({ teamId, flowId, flush, onClose, onStarted }: RunDialogProps) {
  const store = useFlowStoreApi();
  const [text, setText] = useState(() => JSON.stringify(defaultPayload(store.getState()), null, 2));
  const [dryRun, setDryRun] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    let payload: unknown;
    try {
      payload = text.trim() ? JSON.parse(text) : undefined;
    } catch {
      setError('The payload is not valid JSON.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await flush();
      const { executionId } = await flowsApi.run(teamId, flowId, payload, dryRun);
      onStarted(executionId);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : String(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Run the draft" onClose={onClose}>
      <label className="field">
        <span className="field__label">Payload (trigger body, JSON)</span>
        <textarea
          className="code"
          rows={8}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <DryRunToggle checked={dryRun} onChange={setDryRun} />
      {typeof error === 'string' && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {error instanceof ApiError && <RunRefusal error={error} />}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void run()}
          disabled={busy}
        >
          {busy ? 'Starting…' : 'Run now'}
        </button>
      </div>
    </Dialog>
  );
}

function defaultPayload(
  state: ReturnType<ReturnType<typeof useFlowStoreApi>['getState']>,
): unknown {
  const captured = state.sample.trigger as { body?: unknown } | undefined;
  if (captured?.body !== undefined) return captured.body;
  const trigger = state.definition.nodes.find(
    (node) => getNodeDescription(node.type)?.category === 'trigger',
  );
  // A provider preset's sample (a GitHub push…) before the node's generic one.
  const sample =
    trigger &&
    (samplePayloadFor(trigger.config) ??
      (getNodeDescription(trigger.type)?.sampleOutput as { body?: unknown } | undefined));
  return sample?.body ?? {};
}
