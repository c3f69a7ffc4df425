import { Inject, Injectable, Logger } from '@nestjs/common';
import type { StepRun, TriggerRequestContext } from '@hookflow/shared';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_SCHEMA, DURABLE_COMMIT } from '../database/data-source-options.js';
import { ExecutionEventBus, type ExecutionSignal, type TeamSignal } from './execution-events.js';
import type { ExecutionEntity, ExecutionMode } from './execution.entity.js';

/**
 * The columns a new execution is written with, in order: `ExecutionsService.create` writes them
 * with `executionRow`, the trigger ingress's batch insert names a source for each.
 */
export const EXECUTION_INSERT_COLUMNS = [
  'id',
  'team_id',
  'flow_id',
  'version',
  'mode',
  'trigger',
  'delivery_id',
  'dry_run',
  'replay',
  'ordering_key',
] as const;

export interface NewExecution {
  id?: string;
  teamId: string;
  flowId: string;
  version: number | null;
  mode: ExecutionMode;
  trigger: TriggerRequestContext;
  deliveryId?: string | null;
  dryRun?: boolean;
  replay?: ExecutionEntity['replay'];
  orderingKey?: string | null;
}

/** The values of EXECUTION_INSERT_COLUMNS for one execution (a fresh id unless given). */
export function executionRow(execution: NewExecution): unknown[] {
  return [
    execution.id ?? randomUUID(),
    execution.teamId,
    execution.flowId,
    execution.version,
    execution.mode,
    JSON.stringify(execution.trigger),
    execution.deliveryId ?? null,
    execution.dryRun ?? false,
    execution.replay ? JSON.stringify(execution.replay) : null,
    execution.orderingKey ?? null,
  ];
}

const placeholders = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
const INSERT_EXECUTION = `INSERT INTO ${APP_SCHEMA}.executions (${EXECUTION_INSERT_COLUMNS.join(', ')})
  VALUES (${placeholders(1, EXECUTION_INSERT_COLUMNS.length)})`;

// The worker's sweeps (execution-worker.ts): runs that may have lost their job.
const UNSTARTED_EXECUTIONS = `SELECT id FROM ${APP_SCHEMA}.executions
  WHERE status = 'queued' AND started_at IS NULL AND created_at < now() - make_interval(secs => $1)
  ORDER BY created_at LIMIT $2`;
// Embedded mode's boot (execution-worker.ts): the runs the last process left unfinished.
const UNFINISHED_RUNS = `SELECT id FROM ${APP_SCHEMA}.executions
  WHERE status IN ('queued', 'running') ORDER BY created_at`;
const IDLE_RUNS = `SELECT e.id, e.status, e.started_at IS NOT NULL AS started,
       floor(extract(epoch FROM a.activity) * 1000)::bigint::text AS at
  FROM ${APP_SCHEMA}.executions e
  CROSS JOIN LATERAL (
    SELECT GREATEST(e.created_at, e.started_at, max(s.started_at), max(s.finished_at)) AS activity,
           min(s.resume_at) FILTER (WHERE s.status = 'waiting') AS resume_at
      FROM ${APP_SCHEMA}.step_runs s WHERE s.execution_id = e.id) a
 WHERE e.status IN ('queued', 'running', 'waiting') AND e.id > $2
   AND a.activity < now() - make_interval(secs => $1)
   AND (e.status <> 'waiting' OR a.resume_at < now() - make_interval(secs => $1))
 ORDER BY e.id LIMIT $3`;
// A final status commits durably even where step progress commits asynchronously.
const FAIL_RUN = `WITH failed AS (
    UPDATE ${APP_SCHEMA}.executions SET status = 'failed', error = $2, finished_at = now()
     WHERE id = $1 AND status IN ('queued', 'running', 'waiting') AND ${DURABLE_COMMIT}
    RETURNING id, team_id AS "teamId", flow_id AS "flowId"),
  steps AS (
    UPDATE ${APP_SCHEMA}.step_runs SET status = 'failed', error = $3, finished_at = now()
     WHERE execution_id IN (SELECT id FROM failed) AND status = 'running')
  SELECT "teamId", "flowId" FROM failed`;

/** An unfinished run with no step started or finished lately, as the stuck-run sweep sees it. */
export interface IdleRunRow {
  id: string;
  status: 'queued' | 'running' | 'waiting';
  started: boolean;
  /** When anything last happened to it (epoch ms, as text). */
  at: string;
}

/** One step's row as the runner keeps it in memory and writes it (no id: rows are keyed by node). */
export type StepRow = Omit<StepRun, 'id' | 'name' | 'startedAt' | 'finishedAt'> & {
  executionId: string;
  handle: string | null;
  stopped: boolean;
  waitKind: 'delay' | 'retry' | null;
  resumeAt: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
};

/** What the runner needs of a flow; null once the flow was deleted. */
export interface RunFlow {
  id: string;
  teamId: string;
  name: string;
  updatedAt: Date;
  /** Only read for draft runs: a published version is read (and cached) by its number. */
  definition: unknown;
}

export type RunRecord = Pick<
  ExecutionEntity,
  'id' | 'teamId' | 'flowId' | 'version' | 'status' | 'trigger' | 'dryRun' | 'orderingKey'
> & { flow: RunFlow | null; steps: StepRow[] };

/**
 * A change to an execution's row written with its steps: `start` moves a queued (or waiting)
 * run to running; `status` sets it; `finish` stamps finished_at and the error; `response` is
 * the first webhook.respond's answer (later ones are ignored).
 */
export interface RunChange {
  start?: boolean;
  status?: 'running' | 'waiting' | 'succeeded' | 'failed';
  finish?: boolean;
  error?: string | null;
  response?: ExecutionEntity['response'];
}

export interface Checkpoint {
  steps: StepRow[];
  run?: RunChange;
  /** Signals this write announces, sent when it commits. */
  signals?: ExecutionSignal['kind'][];
  /** The team's live event its `status` signal carries (a run's final status). */
  team?: TeamSignal;
}

interface PendingWrite extends Checkpoint {
  executionId: string;
  resolve(alive: boolean): void;
  reject(error: unknown): void;
}

const UNFINISHED = `('queued', 'running', 'waiting')`;
const READ_RUN = `
  SELECT e.id, e.team_id AS "teamId", e.flow_id AS "flowId", e.version, e.status, e.trigger,
         e.dry_run AS "dryRun", e.ordering_key AS "orderingKey",
         CASE WHEN f.id IS NULL THEN NULL ELSE json_build_object(
           'id', f.id, 'teamId', f.team_id, 'name', f.name, 'updatedAt', f.updated_at,
           'definition', CASE WHEN e.version IS NULL THEN f.definition END) END AS flow,
         COALESCE((SELECT json_agg(json_build_object(
           'executionId', s.execution_id, 'nodeId', s.node_id, 'nodeType', s.node_type,
           'status', s.status, 'attempt', s.attempt, 'input', s.input, 'output', s.output,
           'error', s.error, 'handle', s.handle, 'stopped', s.stopped, 'waitKind', s.wait_kind,
           'resumeAt', s.resume_at, 'startedAt', s.started_at, 'finishedAt', s.finished_at))
           FROM ${APP_SCHEMA}.step_runs s WHERE s.execution_id = e.id), '[]') AS steps
    FROM ${APP_SCHEMA}.executions e LEFT JOIN ${APP_SCHEMA}.flows f ON f.id = e.flow_id
   WHERE e.id = $1`;

const STEP_FIELDS = `execution_id uuid, node_id text, node_type text, status text, attempt int,
  input jsonb, output jsonb, error jsonb, handle text, stopped boolean, wait_kind text,
  resume_at timestamptz, started_at timestamptz, finished_at timestamptz`;
const STEP_COLUMNS =
  'execution_id, node_id, node_type, status, attempt, input, output, error, handle, stopped, wait_kind, resume_at, started_at, finished_at';
const UPDATED_STEP_COLUMNS = STEP_COLUMNS.split(', ')
  .filter((column) => column !== 'execution_id' && column !== 'node_id')
  .map((column) => `${column} = EXCLUDED.${column}`)
  .join(', ');

/**
 * Every write of a batch in one statement, so one round trip and one commit: the steps
 * (upserted by execution and node), the executions' changes (never to a run that is finished or
 * canceled), the signals (pg_notify is sent at commit), and back, for each execution, whether
 * it was still unfinished when the statement began.
 */
function batchSql(durable: boolean): string {
  return `
  WITH steps AS (
    INSERT INTO ${APP_SCHEMA}.step_runs (${STEP_COLUMNS})
    SELECT ${STEP_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS r(${STEP_FIELDS})
    ON CONFLICT (execution_id, node_id) DO UPDATE SET ${UPDATED_STEP_COLUMNS}
    RETURNING 1),
  runs AS (
    UPDATE ${APP_SCHEMA}.executions e SET
      status = COALESCE(r.status, CASE WHEN r.start THEN 'running' ELSE e.status END),
      started_at = CASE WHEN r.start THEN COALESCE(e.started_at, now()) ELSE e.started_at END,
      finished_at = CASE WHEN r.finish THEN now() ELSE e.finished_at END,
      error = CASE WHEN r.finish THEN r.error ELSE e.error END,
      response = COALESCE(e.response, r.response)
    FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, start boolean, status text, finish boolean,
      error text, response jsonb)
    WHERE e.id = r.id AND e.status IN ${UNFINISHED}
    RETURNING 1),
  signals AS (
    SELECT pg_notify($3, payload) FROM jsonb_array_elements_text($4::jsonb) AS payload)
  SELECT e.id, e.status IN ${UNFINISHED} AS alive,
         (SELECT count(*) FROM steps) + (SELECT count(*) FROM runs) + (SELECT count(*) FROM signals) AS written
    FROM ${APP_SCHEMA}.executions e
   WHERE e.id = ANY($5::uuid[])${durable ? ` AND ${DURABLE_COMMIT}` : ''}`;
}

// Writes queued while this many batches are in flight wait for the next one: that is where
// concurrent runs come to share a commit.
const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 500;

/**
 * The hot-path SQL of executions, in one place: the runner's read of a run, new executions, and
 * a small batching writer that puts every step and status write of the process's concurrently
 * running executions into one statement per batch (one round trip, one commit). The statements
 * are prepared by name, once per connection (in embedded mode, once: see PGliteWireServer).
 */
@Injectable()
export class ExecutionStore {
  private readonly logger = new Logger(ExecutionStore.name);
  private queued: PendingWrite[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
  ) {}

  private get pool(): pg.Pool {
    return (this.dataSource.driver as unknown as { master: pg.Pool }).master;
  }

  private query<Row extends pg.QueryResultRow>(name: string, text: string, values: unknown[]) {
    return this.pool.query<Row>({ name, text, values });
  }

  /** Records a new execution (inside the caller's transaction when given); returns its id. */
  async insertExecution(execution: NewExecution, manager?: EntityManager): Promise<string> {
    const values = executionRow(execution);
    if (manager) await manager.query(INSERT_EXECUTION, values);
    else await this.query('hookflow-insert-execution', INSERT_EXECUTION, values);
    return values[0] as string;
  }

  /** Ids of executions committed more than `seconds` ago that never started, oldest first. */
  async unstartedExecutions(seconds: number, limit: number): Promise<string[]> {
    const { rows } = await this.query<{ id: string }>(
      'hookflow-unstarted-executions',
      UNSTARTED_EXECUTIONS,
      [seconds, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Ids of every queued or running execution, oldest first. */
  async unfinishedRuns(): Promise<string[]> {
    const { rows } = await this.query<{ id: string }>(
      'hookflow-unfinished-runs',
      UNFINISHED_RUNS,
      [],
    );
    return rows.map((row) => row.id);
  }

  /** Unfinished runs idle for `seconds` (waiting ones: that long past their resume), by id after `afterId`. */
  async idleRuns(seconds: number, afterId: string, limit: number): Promise<IdleRunRow[]> {
    const { rows } = await this.query<IdleRunRow>('hookflow-idle-runs', IDLE_RUNS, [
      seconds,
      afterId,
      limit,
    ]);
    return rows;
  }

  /** Fails an unfinished run and the step it was in; false when it had already finished. */
  async failRun(
    executionId: string,
    message: string,
    stepError: unknown,
  ): Promise<{ teamId: string; flowId: string } | undefined> {
    const { rows } = await this.query<{ teamId: string; flowId: string }>(
      'hookflow-fail-run',
      FAIL_RUN,
      [executionId, message, JSON.stringify(stepError)],
    );
    return rows[0];
  }

  /** The execution with its flow and its steps so far, in one query. */
  async readRun(executionId: string): Promise<RunRecord | undefined> {
    const { rows } = await this.query<
      RunRecord & { flow: (RunFlow & { updatedAt: string }) | null }
    >('hookflow-read-run', READ_RUN, [executionId]);
    const [row] = rows;
    if (!row) return undefined;
    return {
      ...row,
      flow: row.flow ? { ...row.flow, updatedAt: new Date(row.flow.updatedAt) } : null,
      steps: (row.steps as unknown as Array<Record<string, unknown>>).map(stepFromJson),
    };
  }

  /**
   * Queues a write; resolves once it committed, with whether the run was still unfinished (a
   * canceled or finished run's row is left alone, its steps are still recorded).
   */
  write(executionId: string, checkpoint: Checkpoint): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queued.push({ executionId, ...checkpoint, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || !this.queued.length) return;
    this.scheduled = true;
    // Writes made in the same turn of the event loop go together.
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < MAX_IN_FLIGHT && this.queued.length) {
        const batch = this.queued.splice(0, MAX_BATCH);
        this.inFlight += 1;
        void this.flush(batch).finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
      }
    });
  }

  private async flush(batch: PendingWrite[]): Promise<void> {
    try {
      const alive = await this.commit(batch);
      for (const write of batch) write.resolve(alive.get(write.executionId) ?? false);
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // One bad write (say, a value Postgres refuses) must not fail the others' runs.
      this.logger.debug?.(`batch of ${batch.length} failed, writing one by one: ${String(error)}`);
      for (const write of batch) await this.flush([write]);
    }
  }

  private async commit(batch: PendingWrite[]): Promise<Map<string, boolean>> {
    const steps = new Map<string, StepRow>();
    const runs = new Map<string, RunChange & { id: string }>();
    const signals: ExecutionSignal[] = [];
    for (const write of batch) {
      // The same step twice in a batch: the later write wins (one upsert may touch a row once).
      for (const step of write.steps) steps.set(`${step.executionId}:${step.nodeId}`, step);
      if (write.run)
        runs.set(write.executionId, {
          ...runs.get(write.executionId),
          ...write.run,
          id: write.executionId,
        });
      for (const kind of write.signals ?? [])
        signals.push({
          executionId: write.executionId,
          kind,
          ...(kind === 'status' && write.team && { team: write.team }),
        });
    }
    const durable = [...runs.values()].some((run) => run.finish);
    const ids = [...new Set(batch.map((write) => write.executionId))];
    const folded = this.events.foldsIntoSql;
    const { rows } = await this.query<{ id: string; alive: boolean }>(
      durable ? 'hookflow-write-runs-durable' : 'hookflow-write-runs',
      batchSql(durable),
      [
        JSON.stringify([...steps.values()].map(stepJson)),
        JSON.stringify([...runs.values()]),
        this.events.channel,
        JSON.stringify(folded ? signals.map((signal) => JSON.stringify(signal)) : []),
        ids,
      ],
    );
    if (!folded) for (const signal of signals) await this.events.publish(signal);
    return new Map(rows.map((row) => [row.id, row.alive]));
  }
}

/** A step row keyed by column, as jsonb_to_recordset reads it. */
function stepJson(step: StepRow) {
  return {
    execution_id: step.executionId,
    node_id: step.nodeId,
    node_type: step.nodeType,
    status: step.status,
    attempt: step.attempt,
    input: step.input ?? null,
    output: step.output ?? null,
    error: step.error,
    handle: step.handle,
    stopped: step.stopped,
    wait_kind: step.waitKind,
    resume_at: step.resumeAt,
    started_at: step.startedAt,
    finished_at: step.finishedAt,
  };
}

/** A step row from the read's JSON (timestamps arrive as text). */
function stepFromJson(json: Record<string, unknown>): StepRow {
  const date = (value: unknown) => (value ? new Date(value as string) : null);
  return {
    ...(json as unknown as StepRow),
    resumeAt: date(json.resumeAt),
    startedAt: date(json.startedAt)!,
    finishedAt: date(json.finishedAt),
  };
}
