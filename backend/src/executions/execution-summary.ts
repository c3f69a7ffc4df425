import type { ExecutionSource, ExecutionSummary, StepRun } from '@hookflow/shared';
import type { ExecutionEntity } from './execution.entity.js';
import type { StepRunEntity } from './step-run.entity.js';

/** How much of a trigger body a run's one-line summary shows. */
export const TRIGGER_SUMMARY_CHARS = 80;

/** A dry run or a replay says so whatever started it; otherwise the mode is the source. */
export function sourceOf(
  row: Pick<ExecutionEntity, 'mode' | 'dryRun' | 'replay'>,
): ExecutionSource {
  if (row.dryRun) return 'dry-run';
  if (row.replay) return 'replay';
  return row.mode;
}

/** The SQL condition for one source, the same precedence as `sourceOf` (alias `e`). */
export function sourceCondition(
  source: ExecutionSource,
  param: (value: unknown) => string,
): string {
  if (source === 'dry-run') return 'e.dry_run';
  if (source === 'replay') return 'NOT e.dry_run AND e.replay IS NOT NULL';
  return `NOT e.dry_run AND e.replay IS NULL AND e.mode = ${param(source)}`;
}

/** "POST {"order":1…", or for a poll the item's id when it has one. */
export function triggerSummary(method: string, bodyStart: string, itemId?: string | null): string {
  if (itemId) return `${method} item ${itemId}`;
  const body = bodyStart.replace(/\s+/g, ' ').trim();
  const cut =
    body.length > TRIGGER_SUMMARY_CHARS ? `${body.slice(0, TRIGGER_SUMMARY_CHARS)}…` : body;
  return cut ? `${method} ${cut}` : method;
}

/** A poll item's `id` (or `key`), if it is a short scalar. */
export function pollItemId(body: unknown): string | null {
  const item = (body as { item?: Record<string, unknown> } | null)?.item;
  const id = item && typeof item === 'object' ? (item.id ?? item.key) : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

export type SummaryFields = Pick<
  ExecutionEntity,
  | 'id'
  | 'flowId'
  | 'version'
  | 'status'
  | 'deliveryId'
  | 'dryRun'
  | 'replay'
  | 'mode'
  | 'error'
  | 'attempt'
  | 'retriedFrom'
  | 'failedAttempts'
  | 'createdAt'
  | 'startedAt'
  | 'finishedAt'
>;

export function toExecutionSummary(row: SummaryFields, summary: string): ExecutionSummary {
  return {
    id: row.id,
    flowId: row.flowId,
    version: row.version,
    status: row.status,
    deliveryId: row.deliveryId,
    dryRun: row.dryRun,
    replay: row.replay ?? null,
    source: sourceOf(row),
    triggerSummary: summary,
    error: row.error,
    attempt: row.attempt,
    retriedFrom: row.retriedFrom,
    failedAttempts: row.failedAttempts,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export function toStepRun(row: StepRunEntity, name: string): StepRun {
  return {
    id: row.id,
    nodeId: row.nodeId,
    name,
    nodeType: row.nodeType,
    status: row.status,
    attempt: row.attempt,
    input: row.input,
    output: row.output,
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
