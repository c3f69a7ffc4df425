import type { Delivery } from '@hookflow/shared';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { deliveriesApi } from '../api/endpoints';
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

/**
 * One delivery: outcome and reason, headers, raw body; replay into the draft or published version,
 * for real or as a dry run.
 */
export function DeliveryInspector({
  teamId,
  delivery,
  onOpenRun,
}: {
  teamId: string;
  delivery: Delivery;
  onOpenRun: (executionId: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const replay = async (target: 'draft' | 'published') => {
    setError(null);
    try {
      const { executionId } = await deliveriesApi.replay(
        teamId,
        delivery.flowId,
        delivery.id,
        target,
        dryRun,
      );
      onOpenRun(executionId);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };

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
        <pre className="code-block">{decodeBody(delivery).text || '(empty)'}</pre>
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
            <button
              type="button"
              className="button button--small"
              onClick={() => void replay('draft')}
            >
              Replay into draft
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => void replay('published')}
            >
              Replay into published
            </button>
          </>
        )}
      </div>
      {!delivery.poll && <DryRunToggle checked={dryRun} onChange={setDryRun} />}
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}
