import type { FlowDefinition, FlowVersion, FlowView } from '@hookflow/shared';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { flowsApi } from '../api/endpoints';
import { Dialog } from '../app/dialog';
import { useFlowStore, useFlowStoreApi } from './flow-store-context';
import { diffDefinitions, isUnchanged, type DefinitionDiff } from './definition-diff';

export interface PublishDialogProps {
  teamId: string;
  flow: FlowView;
  flush: () => Promise<void>;
  onClose: () => void;
  onPublished: (version: number) => void;
}

/** The version the trigger URL runs now, as the API stores it. */
type LiveVersion =
  | { state: 'none' }
  | { state: 'loading'; version: number }
  | { state: 'loaded'; live: FlowVersion }
  | { state: 'failed'; version: number; message: string };

function useLiveVersion(teamId: string, flowId: string, version: number | null): LiveVersion {
  const [result, setResult] = useState<{
    version: number;
    live?: FlowVersion;
    message?: string;
  } | null>(null);
  useEffect(() => {
    if (version === null) return;
    const controller = new AbortController();
    flowsApi.version(teamId, flowId, version, controller.signal).then(
      (live) => setResult({ version, live }),
      (caught: unknown) => {
        if (!controller.signal.aborted)
          setResult({ version, message: (caught as ApiError).message });
      },
    );
    return () => controller.abort();
  }, [teamId, flowId, version]);
  if (version === null) return { state: 'none' };
  if (result?.version !== version) return { state: 'loading', version };
  return result.live
    ? { state: 'loaded', live: result.live }
    : { state: 'failed', version, message: result.message ?? '' };
}

const names = (nodes: { name: string }[]) => nodes.map((node) => node.name).join(', ');

function ChangeList({ diff }: { diff: DefinitionDiff }) {
  return (
    <ul className="diff" aria-label="Changes">
      <li>
        {diff.added.length} added
        {diff.added.length > 0 && `: ${names(diff.added)}`}
      </li>
      <li>
        {diff.removed.length} removed
        {diff.removed.length > 0 && `: ${names(diff.removed)}`}
      </li>
      <li>
        {diff.changed.length} changed
        {diff.changed.length > 0 &&
          `: ${diff.changed.map(({ node, fields }) => `${node.name} (${fields.join(', ')})`).join('; ')}`}
      </li>
      {diff.edgesChanged && <li>Connections changed</li>}
    </ul>
  );
}

/** What this publish changes, compared with the live version (or that there is none yet). */
function Comparison({ live, definition }: { live: LiveVersion; definition: FlowDefinition }) {
  switch (live.state) {
    case 'none': {
      const count = definition.nodes.length;
      const steps = count === 1 ? '1 step' : `${count} steps`;
      return (
        <p className="muted">
          First publish: nothing is live yet; this draft&apos;s {steps} will go live.
        </p>
      );
    }
    case 'loading':
      return <p className="muted">Comparing with the live version {live.version}…</p>;
    case 'failed':
      return (
        <p className="muted">
          The live version {live.version} could not be loaded, so changes against it cannot be
          listed: {live.message}
        </p>
      );
    case 'loaded': {
      const { version, publishedAt, publishedBy } = live.live;
      const since = `version ${version} (published ${new Date(publishedAt).toLocaleString()}${
        publishedBy ? ` by ${publishedBy.name}` : ''
      })`;
      const diff = diffDefinitions(live.live.definition, definition);
      return isUnchanged(diff) ? (
        <p className="muted">No changes since {since}: publishing makes an identical version.</p>
      ) : (
        <>
          <p>Changes since {since}:</p>
          <ChangeList diff={diff} />
        </>
      );
    }
  }
}

/** Saves the draft, shows what changes against the live published version, then publishes. */
export function PublishDialog({ teamId, flow, flush, onClose, onPublished }: PublishDialogProps) {
  const store = useFlowStoreApi();
  const definition = useFlowStore((state) => state.definition);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const live = useLiveVersion(teamId, flow.id, flow.publishedVersion);

  useEffect(() => {
    flush().catch((caught: unknown) => setError(caught as ApiError));
  }, [flush]);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await flush();
      const result = await flowsApi.publish(teamId, flow.id);
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
          <Comparison live={live} definition={definition} />
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
