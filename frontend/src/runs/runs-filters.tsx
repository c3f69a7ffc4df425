import { EXECUTION_SEARCH_MAX, executionSources, executionStatuses } from '@hookflow/shared';
import { useEffect, useState, type ReactNode } from 'react';
import { SOURCE_LABELS, type RunsFilter } from './runs-filter';

const SEARCH_DELAY_MS = 300;

/** Status, source, day range and search of a runs list; `children` go first (the flow picker). */
export function RunsFilters({
  value,
  onChange,
  children,
}: {
  value: RunsFilter;
  onChange: (filter: RunsFilter) => void;
  children?: ReactNode;
}) {
  const [search, setSearch] = useState(value.search);
  // The search was changed from outside (the URL): show it.
  const [applied, setApplied] = useState(value.search);
  if (applied !== value.search) {
    setApplied(value.search);
    setSearch(value.search);
  }
  // Typing searches once it pauses, not on every key.
  useEffect(() => {
    if (search === value.search) return;
    const timer = setTimeout(() => onChange({ ...value, search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, value, onChange]);

  return (
    <div className="filters runs-filters">
      {children}
      <select
        aria-label="Status"
        value={value.status}
        onChange={(event) =>
          onChange({ ...value, status: event.target.value as RunsFilter['status'] })
        }
      >
        <option value="">Any status</option>
        {executionStatuses.map((status) => (
          <option key={status} value={status}>
            {status === 'failed' ? 'failed (also retried since)' : status}
          </option>
        ))}
      </select>
      <select
        aria-label="Source"
        value={value.source}
        onChange={(event) =>
          onChange({ ...value, source: event.target.value as RunsFilter['source'] })
        }
      >
        <option value="">Any source</option>
        {executionSources.map((source) => (
          <option key={source} value={source}>
            {SOURCE_LABELS[source]}
          </option>
        ))}
      </select>
      <label className="runs-filters__day">
        From
        <input
          type="date"
          value={value.fromDay}
          max={value.toDay || undefined}
          onChange={(event) => onChange({ ...value, fromDay: event.target.value })}
        />
      </label>
      <label className="runs-filters__day">
        To
        <input
          type="date"
          value={value.toDay}
          min={value.fromDay || undefined}
          onChange={(event) => onChange({ ...value, toDay: event.target.value })}
        />
      </label>
      <input
        type="search"
        aria-label="Search runs"
        placeholder="Run id or payload text"
        maxLength={EXECUTION_SEARCH_MAX}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
    </div>
  );
}
