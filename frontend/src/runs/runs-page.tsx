import {
  executionStatuses,
  type ExecutionStatus,
  type ExecutionSummary,
  type FlowSummary,
} from '@hookflow/shared';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { executionsApi, flowsApi } from '../api/endpoints';
import { useTeamId } from '../auth/session-store';
import { useLiveRefresh } from '../live/use-team-events';

const PAGE_SIZE = 25;

/** The team's runs, newest first, filtered by flow and status; each opens on its flow's canvas. */
export function RunsPage() {
  const teamId = useTeamId();
  const [params, setParams] = useSearchParams();
  const flowId = params.get('flowId') ?? '';
  const status = (params.get('status') ?? '') as ExecutionStatus | '';
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [runs, setRuns] = useState<ExecutionSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    flowsApi.list(teamId).then(setFlows, () => undefined);
  }, [teamId]);

  const load = useCallback(
    (from?: string) =>
      executionsApi
        .list(teamId, {
          flowId: flowId || undefined,
          status: status || undefined,
          cursor: from,
          limit: PAGE_SIZE,
        })
        .then(
          (page) => {
            setRuns((current) => (from ? [...(current ?? []), ...page.items] : page.items));
            setCursor(page.nextCursor);
            setError(null);
          },
          (caught: unknown) => setError(caught as ApiError),
        ),
    [teamId, flowId, status],
  );

  useEffect(() => {
    void load();
  }, [load]);
  // New and finished runs show up without a reload.
  useLiveRefresh(
    teamId,
    (event) => event.type !== 'flow.changed',
    () => void load(),
  );

  const filter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const flowName = (id: string) => flows.find((flow) => flow.id === id)?.name ?? id;

  return (
    <section className="page">
      <header className="page__header">
        <h1>Runs</h1>
        <div className="filters">
          <select
            aria-label="Flow"
            value={flowId}
            onChange={(event) => filter('flowId', event.target.value)}
          >
            <option value="">All flows</option>
            {flows.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
          <select
            aria-label="Status"
            value={status}
            onChange={(event) => filter('status', event.target.value)}
          >
            <option value="">Any status</option>
            {executionStatuses.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {runs && runs.length === 0 && (
        <div className="empty-state">
          <h2>No runs {flowId || status ? 'match these filters' : 'yet'}</h2>
          <p>Runs appear when a trigger URL is called, or when you press Run in a flow’s editor.</p>
          <Link to="/flows" className="button button--primary">
            Go to flows
          </Link>
        </div>
      )}
      {runs && runs.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Status</th>
              <th>Flow</th>
              <th>Version</th>
              <th>Started</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>
                  <Link to={`/flows/${run.flowId}?run=${run.id}`}>
                    <span className={`badge badge--${run.status}`}>{run.status}</span>
                  </Link>
                </td>
                <td>{flowName(run.flowId)}</td>
                <td>
                  {run.version === null ? 'draft' : `v${run.version}`}
                  {run.dryRun && <span className="muted"> · dry run</span>}
                </td>
                <td>{new Date(run.createdAt).toLocaleString()}</td>
                <td>
                  {run.startedAt && run.finishedAt
                    ? `${Date.parse(run.finishedAt) - Date.parse(run.startedAt)} ms`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" className="button" onClick={() => void load(cursor)}>
          Load more
        </button>
      )}
    </section>
  );
}
