import type { ExecutionSummary } from '@hookflow/shared';
import { Link, useNavigate } from 'react-router';
import { formatDuration } from './format-duration';
import { SOURCE_LABELS } from './runs-filter';

export const runLink = (run: ExecutionSummary) => `/flows/${run.flowId}?run=${run.id}`;

/**
 * Runs as table rows, each opening the run where clicked; `onOpen` replaces the navigation
 * to the run's flow (the editor's drawer opens it on the canvas already there).
 */
export function RunsTable({
  runs,
  flowName,
  onOpen,
}: {
  runs: ExecutionSummary[];
  /** Shows a Flow column. */
  flowName?: (flowId: string) => string;
  onOpen?: (run: ExecutionSummary) => void;
}) {
  const navigate = useNavigate();
  const open = (run: ExecutionSummary) => (onOpen ? onOpen(run) : void navigate(runLink(run)));

  return (
    <table className="table runs-table">
      <thead>
        <tr>
          <th>Status</th>
          {flowName && <th>Flow</th>}
          <th>Source</th>
          <th>Trigger</th>
          <th>Started</th>
          <th>Duration</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr
            key={run.id}
            className="runs-table__row"
            data-testid="run-row"
            onClick={() => open(run)}
          >
            <td>
              <Link
                to={runLink(run)}
                aria-label={`Open run ${run.id.slice(0, 8)}`}
                onClick={(event) => {
                  // The row handles it (and the drawer stays in the editor).
                  event.preventDefault();
                  event.stopPropagation();
                  open(run);
                }}
              >
                <span className={`badge badge--${run.status}`}>{run.status}</span>
              </Link>
              {run.attempt > 1 && (
                <span
                  className="muted small runs-table__retried"
                  title={`${run.failedAttempts} earlier attempt${run.failedAttempts === 1 ? '' : 's'} failed`}
                >
                  {' '}
                  attempt {run.attempt}
                  {run.failedAttempts > 0 && ` · ${run.failedAttempts} failed`}
                </span>
              )}
            </td>
            {flowName && <td>{flowName(run.flowId)}</td>}
            <td>
              {SOURCE_LABELS[run.source]}
              <span className="muted small">
                {' '}
                {run.version === null ? 'draft' : `v${run.version}`}
              </span>
            </td>
            <td className="runs-table__trigger">
              <code title={run.triggerSummary}>{run.triggerSummary}</code>
            </td>
            <td>{new Date(run.createdAt).toLocaleString()}</td>
            <td>{formatDuration(run.startedAt, run.finishedAt) ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
