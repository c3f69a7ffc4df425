import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { flowsApi, type FlowView } from '../api/endpoints';
import { useFlowStoreApi } from '../editor/flow-store-context';
import { diffDefinitions, rememberedPublished, rememberPublished } from './definition-diff';
import { Dialog } from '../app/dialog';

export interface PublishDialogProps {
  teamId: string;
  flow: FlowView;
  flush: () => Promise<void>;
  onClose: () => void;
  onPublished: (version: number) => void;
}

/** Saves the draft, shows what changes against the last published version, then publishes. */
export function PublishDialog({ teamId, flow, flush, onClose, onPublished }: PublishDialogProps) {
  const store = useFlowStoreApi();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const definition = store.getState().definition;
  const base = rememberedPublished(flow.id);
  const diff = base ? diffDefinitions(base, definition) : null;

  useEffect(() => {
    flush().catch((caught: unknown) => setError(caught as ApiError));
  }, [flush]);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await flush();
      const result = await flowsApi.publish(teamId, flow.id);
      rememberPublished(flow.id, definition);
      setPublished(result.version);
      onPublished(result.version);
    } catch (caught) {
      const apiError = caught as ApiError;
      // The 400 names the nodes and fields; the canvas shows them as badges.
      if (apiError.issues) store.getState().setIssues(apiError.issues);
      setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={published ? `Published version ${published}` : 'Publish this flow'}
      onClose={onClose}
    >
      {published ? (
        <p>The trigger URL now runs version {published}.</p>
      ) : (
        <>
          <p>The trigger URL will run this draft as version {(flow.publishedVersion ?? 0) + 1}.</p>
          {diff ? (
            <ul className="diff" aria-label="Changes">
              <li>
                {diff.added.length} added
                {diff.added.length > 0 && `: ${diff.added.map((node) => node.name).join(', ')}`}
              </li>
              <li>
                {diff.removed.length} removed
                {diff.removed.length > 0 && `: ${diff.removed.map((node) => node.name).join(', ')}`}
              </li>
              <li>
                {diff.changed.length} changed
                {diff.changed.length > 0 && `: ${diff.changed.map((node) => node.name).join(', ')}`}
              </li>
              {diff.edgesChanged && <li>Connections changed</li>}
            </ul>
          ) : (
            <p className="muted">
              {flow.publishedVersion === null
                ? `First version: ${definition.nodes.length} steps.`
                : 'This browser did not publish the live version, so changes against it cannot be listed.'}
            </p>
          )}
        </>
      )}
      {error && (
        <div className="form-error" role="alert">
          <p>{error.message}</p>
          {error.issues && error.issues.length > 0 && (
            <ul>
              {error.issues.map((issue, index) => (
                <li key={index}>{issue.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {published ? 'Close' : 'Cancel'}
        </button>
        {!published && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => void publish()}
            disabled={busy}
          >
            {busy ? 'Publishing…' : 'Publish'}
          </button>
        )}
      </div>
    </Dialog>
  );
}
