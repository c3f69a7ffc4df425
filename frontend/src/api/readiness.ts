import type { ReadinessReport } from '@hookflow/shared';

/**
 * Reads GET /readyz. It answers 503 with the same JSON body when a dependency is down,
 * so the body is read whatever the status.
 */
export async function fetchReadiness(signal?: AbortSignal): Promise<ReadinessReport> {
  const response = await fetch('/readyz', { headers: { Accept: 'application/json' }, signal });
  return (await response.json()) as ReadinessReport;
}

/** Names of the checks that failed, e.g. ["database"]. */
export function failingChecks(report: ReadinessReport): string[] {
  return Object.entries(report.checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name);
}
