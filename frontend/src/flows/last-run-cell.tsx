import type { ExecutionSummary } from '@hookflow/shared';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { executionsApi } from '../api/endpoints';

/** The flow's latest run, fetched per row because the flow list does not include it. */
export function LastRunCell({ teamId, flowId }: { teamId: string; flowId: string }) {
  const [run, setRun] = useState<ExecutionSummary | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    executionsApi.list(teamId, { flowId, limit: 1 }, controller.signal).then(
      (page) => setRun(page.items[0] ?? null),
      () => setRun(null),
    );
    return () => controller.abort();
  }, [teamId, flowId]);

  if (run === undefined) return <span className="muted">…</span>;
  if (run === null) return <span className="muted">Never run</span>;
  return (
    <Link to={`/flows/${flowId}?run=${run.id}`}>
      <span className={`badge badge--${run.status}`}>{run.status}</span>{' '}
      <span className="muted small">{new Date(run.createdAt).toLocaleString()}</span>
    </Link>
  );
}
