import type { Delivery, DeliverySummary } from '@hookflow/shared';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { deliveriesApi } from '../api/endpoints';
import { ConfirmDialog } from '../app/confirm-dialog';
import { RunRefusal } from '../app/issue-list';
import { DryRunToggle } from '../runs/dry-run-toggle';
import { describePoll } from './poll-summary';

/** The raw body as text, and parsed when it is JSON. */
export function decodeBody(delivery: Delivery): { text: string; parsed: unknown } {
  const bytes = Uint8Array.from(atob(delivery.rawBodyBase64), (char) => char.charCodeAt(0));
  const text = new TextDecoder().decode(bytes);
  try {
    return { text, parsed: JSON.parse(text) };
  } catch {
    return { text, parsed: text };
  }
}

// The API's answer keeps its issues (an invalid draft's refusal lists them); others are text.
const errorOf = (caught: unknown) => (caught instanceof ApiError ? caught : String(caught));

/**
 * One delivery: outcome and reason, headers, the whole raw body (fetched when opened: the list
 * has only a preview); replay into the draft or published version, for real or as a dry run.
 * A delivery that failed verification is replayed only after an explicit "Replay anyway".
 */
export function DeliveryInspector({
  teamId,
  delivery,
  onOpenRun,
}: {
  teamId: string;
  delivery: DeliverySummary;
  onOpenRun: (executionId: string) => void;
}) {
  const [error, setError] = useState<ApiError | string | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [loaded, setDetail] = useState<Delivery | null>(null);
  // Another delivery opened: its body is not loaded yet.
  const detail = loaded?.id === delivery.id ? loaded : null;
  const [confirming, setConfirming] = useState<'draft' | 'published' | null>(null);
  const rejected = delivery.outcome === 'rejected';

  useEffect(() => {
    const abort = new AbortController();
    deliveriesApi
      .get(teamId, delivery.flowId, delivery.id, abort.signal)
      .then(setDetail, (caught) => {
        if (!abort.signal.aborted) setError(errorOf(caught));
      });
    return () => abort.abort();
  }, [teamId, delivery.flowId, delivery.id]);

  const replay = async (target: 'draft' | 'published', force = false) => {
    setError(null);
    setConfirming(null);
    try {
      const { executionId } = await deliveriesApi.replay(
        teamId,
        delivery.flowId,
        delivery.id,
        target,
        dryRun,
        force,
      );
      onOpenRun(executionId);
    } catch (caught) {
      setError(errorOf(caught));
    }
  };
  const ask = (target: 'draft' | 'published') =>
    rejected ? setConfirming(target) : void replay(target);

  return (
    <div className="delivery" aria-label="Delivery details">
      <p>
        <span className={`badge badge--${delivery.outcome}`}>{delivery.outcome}</span>{' '}
        {delivery.reason && <strong>{delivery.reason.replace(/_/g, ' ')}</strong>}{' '}
        {delivery.verification && <span className="muted small">{delivery.verification}</span>}
      </p>
      {delivery.poll && <p className="small">{describePoll(delivery.poll)}</p>}
      <p className="muted small">
        {delivery.method} {delivery.path} · {delivery.sizeBytes} bytes ·{' '}
        {delivery.contentType ?? 'no content type'}
      </p>
      <details>
        <summary>Headers</summary>
        <pre className="code-block">
          {Object.entries(delivery.headers)
            .map(([name, value]) => `${name}: ${value}`)
            .join('\n')}
        </pre>
      </details>
      <details open>
        <summary>Body</summary>
        <pre className="code-block" aria-busy={!detail}>
          {detail ? decodeBody(detail).text || '(empty)' : 'Loading the body…'}
        </pre>
      </details>
      <div className="delivery__actions">
        {delivery.executionId && (
          <button
            type="button"
            className="button button--small"
            onClick={() => onOpenRun(delivery.executionId!)}
          >
            Open run
          </button>
        )}
        {/* A poll's body is a whole answer, not one request: polls are repeated with "Poll now". */}
        {!delivery.poll && (
          <>
            <button type="button" className="button button--small" onClick={() => ask('draft')}>
              {rejected ? 'Replay anyway…' : 'Replay into draft'}
            </button>
            <button type="button" className="button button--small" onClick={() => ask('published')}>
              {rejected ? 'Replay anyway into published…' : 'Replay into published'}
            </button>
          </>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title="Replay a rejected request"
          message={
            <p className="form-error">
              This request was rejected (
              {delivery.reason?.replace(/_/g, ' ') ?? 'failed verification'}
              ): it may not come from the service it claims to. Replaying runs the{' '}
              {confirming === 'draft' ? 'draft' : 'published version'} with it as if it were valid,
              and the run is marked as a forced replay.
            </p>
          }
          confirmLabel="Replay anyway"
          onConfirm={() => void replay(confirming, true)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {!delivery.poll && <DryRunToggle checked={dryRun} onChange={setDryRun} />}
      {typeof error === 'string' && <p className="form-error">{error}</p>}
      {error instanceof ApiError && <RunRefusal error={error} />}
    </div>
  );
}
