import type { OldKeyRequests } from '@hookflow/shared';
import { useEffect, useState } from 'react';
import { oldKeyRequestsApi } from '../api/endpoints';

const since = (at: string) => new Date(at).toLocaleString();

/**
 * "12 requests hit your old URL since you regenerated it": senders that still call a URL the
 * flow gave up get a bare 404, which this makes visible (refetched when the URL changes).
 */
export function OldKeyNotice({
  teamId,
  flowId,
  webhookUrl,
}: {
  teamId: string;
  flowId: string;
  webhookUrl: string;
}) {
  const [found, setFound] = useState<OldKeyRequests | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    oldKeyRequestsApi.ofFlow(teamId, flowId, abort.signal).then(setFound, () => undefined);
    return () => abort.abort();
  }, [teamId, flowId, webhookUrl]);
  if (!found || found.total === 0) return null;
  const last = found.items[0];
  return (
    <div className="notice" role="status">
      <strong>
        {found.total} {found.total === 1 ? 'request' : 'requests'} hit your old URL since you
        regenerated it
      </strong>{' '}
      {found.lastRetiredAt && <span className="muted small">({since(found.lastRetiredAt)})</span>}
      <p className="small">
        They were answered 404 and started nothing; the last came {since(last.receivedAt)} (
        {last.method}
        {last.headers['user-agent'] ? ` from ${last.headers['user-agent']}` : ''}). Update the URL
        in the sender’s settings.
      </p>
    </div>
  );
}
