import type { FlowSummary } from '@hookflow/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { flowsApi } from '../api/endpoints';
import { useConfirm } from '../app/confirm-dialog';
import { useTeamId } from '../auth/session-store';
import { useLiveRefresh } from '../live/use-team-events';
import { FlowStatusBadge } from './flow-status-badge';
import { LastRunCell } from './last-run-cell';

/** The team's flows: create, open, duplicate, enable/disable and delete. */
export function FlowListPage() {
  const teamId = useTeamId();
  const navigate = useNavigate();
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [error, setError] = useState<{ flowId?: string; message: string } | null>(null);
  const [naming, setNaming] = useState(false);
  const { confirm, dialog } = useConfirm();

  const load = useCallback(
    () =>
      flowsApi
        .list(teamId)
        .then(setFlows, (caught: unknown) => setError({ message: (caught as ApiError).message })),
    [teamId],
  );

  useEffect(() => {
    void load();
  }, [load]);
  // Last run, runs in 24 h and status follow what happens without a reload.
  useLiveRefresh(
    teamId,
    () => true,
    () => void load(),
  );

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name')).trim();
    try {
      const flow = await flowsApi.create(teamId, name);
      void navigate(`/flows/${flow.id}`);
    } catch (caught) {
      setError({ message: (caught as ApiError).message });
    }
  };

  const act = async (flowId: string, action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await load();
    } catch (caught) {
      setError({ flowId, message: (caught as ApiError).message });
    }
  };

  const remove = async (flow: FlowSummary) => {
    const confirmed = await confirm({
      title: `Delete “${flow.name}”?`,
      message:
        flow.status === 'disabled' || flow.publishedVersion === null
          ? 'The flow and all its runs are deleted.'
          : 'The flow and all its runs are deleted, and its trigger URL stops working.',
      confirmLabel: 'Delete flow',
    });
    if (confirmed) await act(flow.id, () => flowsApi.remove(teamId, flow.id));
  };

  // Primary in the header; beside "Browse templates" in the empty state, secondary.
  const newFlowForm = (primary: boolean) =>
    naming ? (
      <form className="inline-form" onSubmit={(event) => void create(event)}>
        <input
          name="name"
          aria-label="Flow name"
          placeholder="Flow name"
          required
          autoFocus
          defaultValue="My flow"
        />
        <button type="submit" className="button button--primary">
          Create flow
        </button>
        <button type="button" className="button" onClick={() => setNaming(false)}>
          Cancel
        </button>
      </form>
    ) : (
      <button
        type="button"
        className={primary ? 'button button--primary' : 'button'}
        onClick={() => setNaming(true)}
      >
        New flow
      </button>
    );

  return (
    <section className="page">
      <header className="page__header">
        <h1>Flows</h1>
        {flows && flows.length > 0 && newFlowForm(true)}
      </header>
      {error && !error.flowId && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {flows === null && !error && <p className="loading">Loading flows…</p>}
      {flows?.length === 0 && (
        <div className="empty-state">
          <div className="empty-state__icon" aria-hidden="true">
            ⤳
          </div>
          <h2>No flows yet — start from a template</h2>
          <p>
            A flow starts with a trigger, such as a webhook URL, and runs its steps every time it
            fires. Templates are ready-made flows (GitHub → Slack, Stripe → e-mail, scheduled
            checks…) you can use as they are or adapt.
          </p>
          <Link to="/templates" className="button button--primary">
            Browse templates
          </Link>
          <p className="empty-state__or">or start from an empty flow:</p>
          {newFlowForm(false)}
          <p className="small">
            New to Hookflow? <Link to="/help">Read how it works</Link>.
          </p>
        </div>
      )}
      {flows && flows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Live version</th>
              <th>Last run</th>
              <th>Runs (24 h)</th>
              <th>Updated</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {flows.map((flow) => (
              <tr key={flow.id}>
                <td>
                  <Link to={`/flows/${flow.id}`} className="table__primary">
                    {flow.name}
                  </Link>
                  {error?.flowId === flow.id && (
                    <span className="field__error">{error.message}</span>
                  )}
                </td>
                <td>
                  <FlowStatusBadge flow={flow} />
                </td>
                <td>{flow.publishedVersion === null ? '—' : `v${flow.publishedVersion}`}</td>
                <td>
                  <LastRunCell flowId={flow.id} run={flow.lastRun} />
                </td>
                <td>
                  {flow.runsLast24h > 0 ? (
                    <Link to={`/runs?flowId=${flow.id}`} title="Show this flow's runs">
                      {flow.runsLast24h}
                    </Link>
                  ) : (
                    <span className="muted">0</span>
                  )}
                </td>
                <td>{new Date(flow.updatedAt).toLocaleString()}</td>
                <td className="table__actions">
                  {flow.publishedVersion !== null && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() =>
                        void act(flow.id, () =>
                          flowsApi.setEnabled(teamId, flow.id, flow.status === 'disabled'),
                        )
                      }
                    >
                      {flow.status === 'disabled' ? 'Enable' : 'Disable'}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void act(flow.id, () => flowsApi.duplicate(teamId, flow.id))}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => void remove(flow)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog}
    </section>
  );
}
