import { useEffect, useState } from 'react';
import { RunsFilters } from './runs-filters';
import { apiFilter, EMPTY_FILTER, isFiltered } from './runs-filter';
import { RunsTable } from './runs-table';
import { useRunsList } from './use-runs-list';

/** The open flow's runs beside the canvas; a row shows that run on it without leaving the editor. */
export function RunsDrawer({
  teamId,
  flowId,
  onOpenRun,
  onClose,
}: {
  teamId: string;
  flowId: string;
  onOpenRun: (executionId: string) => void;
  onClose: () => void;
}) {
  const [filter, setFilter] = useState(EMPTY_FILTER);
  const { runs, nextCursor, error, reload, loadMore } = useRunsList(
    teamId,
    apiFilter(filter, flowId),
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="drawer" role="dialog" aria-label="Runs of this flow">
      <div className="drawer__header">
        <h2>Runs</h2>
        <button type="button" className="button button--small" onClick={() => void reload()}>
          Refresh
        </button>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <RunsFilters value={filter} onChange={setFilter} />
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {runs && runs.length === 0 && !nextCursor && (
        <p className="muted">
          {isFiltered(filter) ? 'No run matches these filters.' : 'This flow has not run yet.'}
        </p>
      )}
      {runs && runs.length > 0 && <RunsTable runs={runs} onOpen={(run) => onOpenRun(run.id)} />}
      {runs && runs.length === 0 && nextCursor && (
        <p className="muted" data-testid="runs-searched-so-far">
          No match among the runs searched so far; “Load more” searches older ones.
        </p>
      )}
      {nextCursor && (
        <button type="button" className="button button--small" onClick={() => void loadMore()}>
          Load more
        </button>
      )}
    </aside>
  );
}
