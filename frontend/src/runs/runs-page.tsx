import type { FlowSummary } from '@hookflow/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { flowsApi } from '../api/endpoints';
import { useTeamId } from '../auth/session-store';
import { useLiveRefresh } from '../live/use-team-events';
import { RunsFilters } from './runs-filters';
import {
  apiFilter,
  filterFromParams,
  filterToParams,
  isFiltered,
  type RunsFilter,
} from './runs-filter';
import { RunsTable } from './runs-table';
import { useRunsList } from './use-runs-list';

/** The team's runs, newest first, filtered in the URL; a row opens its run on its flow's canvas. */
export function RunsPage() {
  const teamId = useTeamId();
  const [params, setParams] = useSearchParams();
  const flowId = params.get('flowId') ?? '';
  const filter = useMemo(() => filterFromParams(params), [params]);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const { runs, nextCursor, error, reload, loadMore } = useRunsList(
    teamId,
    apiFilter(filter, flowId),
  );
  // New and finished runs show up without a reload.
  useLiveRefresh(
    teamId,
    (event) => event.type !== 'flow.changed',
    () => void reload(),
  );

  useEffect(() => {
    flowsApi.list(teamId).then(setFlows, () => undefined);
  }, [teamId]);

  const setFilter = useCallback(
    (next: RunsFilter) => setParams(filterToParams(next, params), { replace: true }),
    [params, setParams],
  );
  const setFlow = (id: string) => {
    const next = new URLSearchParams(params);
    if (id) next.set('flowId', id);
    else next.delete('flowId');
    setParams(next, { replace: true });
  };
  const flowName = (id: string) => flows.find((flow) => flow.id === id)?.name ?? 'Deleted flow';

  return (
    <section className="page">
      <header className="page__header">
        <h1>Runs</h1>
      </header>
      <RunsFilters value={filter} onChange={setFilter}>
        <select aria-label="Flow" value={flowId} onChange={(event) => setFlow(event.target.value)}>
          <option value="">All flows</option>
          {flows.map((flow) => (
            <option key={flow.id} value={flow.id}>
              {flow.name}
            </option>
          ))}
        </select>
      </RunsFilters>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {runs && runs.length === 0 && !nextCursor && (
        <div className="empty-state">
          <h2>No runs {flowId || isFiltered(filter) ? 'match these filters' : 'yet'}</h2>
          <p>Runs appear when a trigger URL is called, or when you press Run in a flow’s editor.</p>
          <Link to="/flows" className="button button--primary">
            Go to flows
          </Link>
        </div>
      )}
      {runs && runs.length > 0 && <RunsTable runs={runs} flowName={flowName} />}
      {runs && runs.length === 0 && nextCursor && (
        <p className="muted" data-testid="runs-searched-so-far">
          No match among the runs searched so far; “Load more” searches older ones.
        </p>
      )}
      {nextCursor && (
        <button type="button" className="button" onClick={() => void loadMore()}>
          Load more
        </button>
      )}
    </section>
  );
}
