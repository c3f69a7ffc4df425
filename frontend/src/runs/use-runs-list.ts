import type { ExecutionSummary } from '@hookflow/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { executionsApi, type ExecutionFilter } from '../api/endpoints';

const PAGE_SIZE = 25;

/**
 * One filtered list of runs, a page at a time. `reload` loads the first page again (the one
 * function a live refresh calls); an answer to an older request never overwrites a newer one.
 */
export function useRunsList(teamId: string, filter: ExecutionFilter) {
  const [runs, setRuns] = useState<ExecutionSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  const key = JSON.stringify(filter);

  const load = useCallback(
    (cursor?: string) => {
      const request = ++latest.current;
      const filter = JSON.parse(key) as ExecutionFilter;
      return executionsApi.list(teamId, { ...filter, cursor, limit: PAGE_SIZE }).then(
        (page) => {
          if (request !== latest.current) return;
          setRuns((current) => (cursor ? [...(current ?? []), ...page.items] : page.items));
          setNextCursor(page.nextCursor);
          setError(null);
        },
        (caught: unknown) => {
          if (request === latest.current) setError(caught as ApiError);
        },
      );
    },
    [teamId, key],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const reload = useCallback(() => load(), [load]);
  const loadMore = useCallback(
    () => (nextCursor ? load(nextCursor) : Promise.resolve()),
    [load, nextCursor],
  );
  return { runs, nextCursor, error, reload, loadMore };
}
