import {
  executionSources,
  executionStatuses,
  type ExecutionSource,
  type ExecutionStatus,
} from '@hookflow/shared';
import type { ExecutionFilter } from '../api/endpoints';

/** What the Runs filters hold: dates are local calendar days (`YYYY-MM-DD`), as a date input gives them. */
export interface RunsFilter {
  status: ExecutionStatus | '';
  source: ExecutionSource | '';
  fromDay: string;
  toDay: string;
  search: string;
}

export const EMPTY_FILTER: RunsFilter = {
  status: '',
  source: '',
  fromDay: '',
  toDay: '',
  search: '',
};

export const SOURCE_LABELS: Record<ExecutionSource, string> = {
  production: 'Production',
  test: 'Test URL',
  manual: 'Manual run',
  replay: 'Replay',
  'dry-run': 'Dry run',
  schedule: 'Schedule',
  poll: 'Poll',
};

const FILTER_KEYS = {
  status: 'status',
  source: 'source',
  fromDay: 'from',
  toDay: 'to',
  search: 'q',
};

/** The filter a Runs URL (`?status=failed&from=2026-12-01&q=…`) describes; unknown values are ignored. */
export function filterFromParams(params: URLSearchParams): RunsFilter {
  const status = params.get('status') ?? '';
  const source = params.get('source') ?? '';
  const day = (key: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(params.get(key) ?? '') ? params.get(key)! : '';
  return {
    status: (executionStatuses as readonly string[]).includes(status)
      ? (status as ExecutionStatus)
      : '',
    source: (executionSources as readonly string[]).includes(source)
      ? (source as ExecutionSource)
      : '',
    fromDay: day('from'),
    toDay: day('to'),
    search: params.get('q') ?? '',
  };
}

/** Writes the filter into URL params, keeping the others (the flow). */
export function filterToParams(filter: RunsFilter, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [field, key] of Object.entries(FILTER_KEYS)) {
    const value = filter[field as keyof RunsFilter].trim();
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** The API's filter: a day range covers whole local days. */
export function apiFilter(filter: RunsFilter, flowId?: string): ExecutionFilter {
  const dayStart = (day: string, offset = 0) => {
    const [year, month, date] = day.split('-').map(Number);
    return new Date(year, month - 1, date + offset).toISOString();
  };
  return {
    flowId: flowId || undefined,
    status: filter.status || undefined,
    source: filter.source || undefined,
    from: filter.fromDay ? dayStart(filter.fromDay) : undefined,
    // The end of the day: the next day's start, less a millisecond.
    to: filter.toDay
      ? new Date(Date.parse(dayStart(filter.toDay, 1)) - 1).toISOString()
      : undefined,
    q: filter.search.trim() || undefined,
  };
}

export const isFiltered = (filter: RunsFilter) =>
  Object.values(filter).some((value) => value.trim() !== '');
