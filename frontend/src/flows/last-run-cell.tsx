import type { FlowLastRun } from '@hookflow/shared';
import { Link } from 'react-router';

/** The flow's newest run, as the flow list reports it, linking to that run on the canvas. */
export function LastRunCell({ flowId, run }: { flowId: string; run: FlowLastRun | null }) {
  if (!run) return <span className="muted">Never run</span>;
  return (
    <Link to={`/flows/${flowId}?run=${run.id}`}>
      <span className={`badge badge--${run.status}`}>{run.status}</span>{' '}
      <span className="muted small">{new Date(run.createdAt).toLocaleString()}</span>
    </Link>
  );
}
