import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TriggerRequestContext } from '@hookflow/shared';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_SCHEMA } from '../database/data-source-options.js';
import { ExecutionEventBus, runCreated } from '../executions/execution-events.js';
import { ExecutionQueue } from '../executions/execution-queue.js';
import { EXECUTION_INSERT_COLUMNS } from '../executions/execution-store.js';

/** One row of `deliveries`, and the execution it starts when accepted. */
export interface DeliveryRow {
  id: string;
  flowId: string;
  teamId: string;
  mode: 'production' | 'test';
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  rawBody: Buffer;
  contentType: string | null;
  sizeBytes: number;
  outcome: 'accepted' | 'rejected' | 'filtered';
  reason: string | null;
  verification: string | null;
  dedupeKey?: string | null;
  /**
   * With `dedupeKey` on an accepted row: the key is claimed for this long, and a repeat within
   * it is recorded as a duplicate of the claim's delivery instead of starting a run.
   */
  dedupeTtlSeconds?: number;
  execution?: ExecutionStart;
}

/** What became of a recorded row: its own run started, or it repeated an earlier delivery. */
export type RecordResult = { duplicate: false } | { duplicate: true; executionId: string };

export interface ExecutionStart {
  id: string;
  version: number | null;
  trigger: TriggerRequestContext;
  orderingKey: string | null;
}

/** The database refused this row's values (not the connection): the sender's data, a 400. */
export class UnstorableDelivery extends Error {}

// Group commit: rows waiting while this many batches are in flight join the next batch.
const MAX_BATCHES_IN_FLIGHT = 2;
const MAX_BATCH_ROWS = 200;

const DELIVERY_COLUMNS = [
  ['id', 'uuid'],
  ['flow_id', 'uuid'],
  ['team_id', 'uuid'],
  ['mode', 'text'],
  ['method', 'text'],
  ['path', 'text'],
  ['headers', 'jsonb'],
  ['query', 'jsonb'],
  ['raw_body', 'bytea'],
  ['content_type', 'text'],
  ['size_bytes', 'int4'],
  ['outcome', 'text'],
  ['reason', 'text'],
  ['verification', 'text'],
  ['dedupe_key', 'text'],
  ['execution_id', 'uuid'],
] as const;

/** Per batch row, the columns an accepted delivery adds for its execution. */
const EXECUTION_COLUMNS = [
  ['version', 'int4'],
  ['trigger', 'jsonb'],
  ['ordering_key', 'text'],
] as const;

/** Per batch row of the de-duplicating statement: how long its key's claim lasts. */
const DEDUPE_COLUMNS = [['dedupe_ttl', 'int4']] as const;

/**
 * Where each column `ExecutionsService.create` writes (the shared list) comes from in a batch
 * row: adding a column to EXECUTION_INSERT_COLUMNS fails to compile here until it is given.
 */
const EXECUTION_FROM_INPUT: Record<(typeof EXECUTION_INSERT_COLUMNS)[number], string> = {
  id: 'execution_id',
  team_id: 'team_id',
  flow_id: 'flow_id',
  version: 'version',
  mode: 'mode',
  trigger: 'trigger',
  delivery_id: 'id',
  dry_run: 'false',
  replay: 'NULL',
  ordering_key: 'ordering_key',
};

const INPUT_COLUMNS = [...DELIVERY_COLUMNS, ...EXECUTION_COLUMNS];
const ONCE_INPUT_COLUMNS = [...INPUT_COLUMNS, ...DEDUPE_COLUMNS];
type Columns = readonly (readonly [string, string])[];
const names = (columns: Columns) => columns.map(([name]) => name).join(', ');
const unnestInput = (columns: Columns) =>
  `SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
      WITH ORDINALITY AS t(${names(columns)}, arrival)`;
const EXECUTION_INSERT = `INSERT INTO ${APP_SCHEMA}.executions (${EXECUTION_INSERT_COLUMNS.join(', ')}, created_at)
  SELECT ${EXECUTION_INSERT_COLUMNS.map((column) => EXECUTION_FROM_INPUT[column]).join(', ')},
    now() + arrival * interval '1 microsecond'`;

/**
 * All deliveries of a batch and the executions of the accepted ones in one statement: one round
 * trip, one commit. Columns arrive as arrays, so one prepared statement serves every batch size.
 * Executions are stamped in arrival order (the ordering key runs them in that order).
 */
const RECORD_BATCH_SQL = `
  WITH input AS (${unnestInput(INPUT_COLUMNS)}
  ), recorded AS (
    INSERT INTO ${APP_SCHEMA}.deliveries (${names(DELIVERY_COLUMNS)})
    SELECT ${names(DELIVERY_COLUMNS)} FROM input
  )
  ${EXECUTION_INSERT}
  FROM input WHERE execution_id IS NOT NULL`;

/** A delivery column as the de-duplicating statement writes it: a repeat points at the claim's run. */
const DEDUPED_VALUE: Partial<Record<(typeof DELIVERY_COLUMNS)[number][0], string>> = {
  outcome: "CASE WHEN starts THEN outcome ELSE 'duplicate' END",
  execution_id: 'CASE WHEN starts THEN execution_id ELSE earlier_execution END',
};

/**
 * RECORD_BATCH_SQL for a batch with de-duplication keys (provider presets de-duplicate by
 * default), still one statement and one commit: each key is claimed unless an unexpired claim
 * exists; a row whose key was claimed before is recorded as a duplicate of that claim and starts
 * nothing. A row whose claim failed to a transaction that committed after this statement began
 * sees no claim yet: it is not written (`starts` false, no `earlier_execution`) and goes in the
 * next batch. The caller puts at most one row per flow and key in a batch.
 */
const RECORD_BATCH_ONCE_SQL = `
  WITH input AS (${unnestInput(ONCE_INPUT_COLUMNS)}
  ), claimed AS (
    INSERT INTO ${APP_SCHEMA}.delivery_dedupe (flow_id, key, delivery_id, execution_id, expires_at)
    SELECT flow_id, dedupe_key, id, execution_id, now() + make_interval(secs => dedupe_ttl)
      FROM input WHERE dedupe_ttl IS NOT NULL
    ON CONFLICT (flow_id, key) DO UPDATE
      SET delivery_id = EXCLUDED.delivery_id, execution_id = EXCLUDED.execution_id,
          expires_at = EXCLUDED.expires_at
      WHERE ${APP_SCHEMA}.delivery_dedupe.expires_at < now()
    RETURNING delivery_id
  ), fate AS (
    SELECT input.*, earlier.delivery_id AS earlier_delivery, earlier.execution_id AS earlier_execution,
           (input.dedupe_ttl IS NULL OR claimed.delivery_id IS NOT NULL) AS starts
      FROM input
      LEFT JOIN claimed ON claimed.delivery_id = input.id
      LEFT JOIN ${APP_SCHEMA}.delivery_dedupe earlier
        ON claimed.delivery_id IS NULL AND input.dedupe_ttl IS NOT NULL
       AND earlier.flow_id = input.flow_id AND earlier.key = input.dedupe_key
       AND earlier.expires_at >= now()
  ), recorded AS (
    INSERT INTO ${APP_SCHEMA}.deliveries (${names(DELIVERY_COLUMNS)}, duplicate_of)
    SELECT ${DELIVERY_COLUMNS.map(([name]) => DEDUPED_VALUE[name] ?? name).join(', ')},
           CASE WHEN starts THEN NULL ELSE earlier_delivery END
      FROM fate WHERE starts OR earlier_delivery IS NOT NULL
  ), started AS (
    ${EXECUTION_INSERT}
    FROM fate WHERE starts AND execution_id IS NOT NULL
  )
  SELECT id, starts, earlier_execution AS "earlierExecution" FROM fate`;

const valuesOf = (rows: DeliveryRow[]): unknown[] => [
  rows.map((row) => row.id),
  rows.map((row) => row.flowId),
  rows.map((row) => row.teamId),
  rows.map((row) => row.mode),
  rows.map((row) => row.method),
  rows.map((row) => row.path),
  rows.map((row) => JSON.stringify(row.headers)),
  rows.map((row) => JSON.stringify(row.query)),
  rows.map((row) => row.rawBody),
  rows.map((row) => row.contentType),
  rows.map((row) => row.sizeBytes),
  rows.map((row) => row.outcome),
  rows.map((row) => row.reason),
  rows.map((row) => row.verification),
  rows.map((row) => row.dedupeKey ?? null),
  rows.map((row) => row.execution?.id ?? null),
  rows.map((row) => row.execution?.version ?? null),
  rows.map((row) => (row.execution ? JSON.stringify(row.execution.trigger) : null)),
  rows.map((row) => row.execution?.orderingKey ?? null),
];

/** Whether the row claims its de-duplication key (see RECORD_BATCH_ONCE_SQL). */
const claimsKey = (row: DeliveryRow) =>
  Boolean(row.execution && row.dedupeKey && row.dedupeTtlSeconds !== undefined);

// SQLSTATE classes about the values themselves (22 data exception, 23 integrity, 54 limits).
const isDataError = (error: unknown) => /^(22|23|54)/.test((error as { code?: string }).code ?? '');

interface Pending {
  row: DeliveryRow;
  resolve(result: RecordResult): void;
  reject(error: Error): void;
}

const STARTED: RecordResult = { duplicate: false };

/**
 * Writes trigger deliveries with group commit: requests arriving together share one
 * statement and one commit, each promise settles only once its row is committed, and the accepted
 * executions are then handed to the queue in one `addBulk`. A failed hand-off is left to the
 * outbox sweeper; a failed commit rejects every row of the batch (the caller answers 503).
 */
@Injectable()
export class DeliveryRecorder {
  private readonly logger = new Logger(DeliveryRecorder.name);
  private pending: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly pool: pg.Pool;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(ExecutionQueue) private readonly queue: ExecutionQueue,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
  ) {
    this.pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  }

  /**
   * Resolves once the row (and its execution) is committed and the execution enqueued, or, for a
   * repeat of a claimed de-duplication key, once it is recorded as a duplicate.
   */
  record(row: DeliveryRow): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= MAX_BATCHES_IN_FLIGHT) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.pending.length && this.inFlight < MAX_BATCHES_IN_FLIGHT) {
        const batch = this.takeBatch();
        this.inFlight++;
        void this.write(batch).finally(() => {
          this.inFlight--;
          if (this.pending.length) this.schedule();
        });
      }
    });
  }

  /**
   * Up to MAX_BATCH_ROWS rows in arrival order, one per flow and de-duplication key: a second
   * claim of a key waits for the next batch, where it finds the first one committed.
   */
  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const later: Pending[] = [];
    const keys = new Set<string>();
    for (const item of this.pending) {
      if (batch.length >= MAX_BATCH_ROWS) later.push(item);
      else if (!claimsKey(item.row)) batch.push(item);
      else {
        const key = `${item.row.flowId}\n${item.row.dedupeKey}`;
        (keys.has(key) ? later : batch).push(item);
        keys.add(key);
      }
    }
    this.pending = later;
    return batch;
  }

  private async write(batch: Pending[]) {
    let results: (RecordResult | undefined)[];
    try {
      results = await this.insert(batch.map((item) => item.row));
    } catch (error) {
      // One row the database refuses must not sink the others: retry them one by one.
      if (batch.length > 1 && isDataError(error)) return this.writeOneByOne(batch);
      for (const item of batch) item.reject(failure(error));
      return;
    }
    await this.settle(batch, results);
  }

  private async writeOneByOne(batch: Pending[]) {
    await Promise.all(
      batch.map(async (item) => {
        let results: (RecordResult | undefined)[];
        try {
          results = await this.insert([item.row]);
        } catch (error) {
          return item.reject(failure(error));
        }
        await this.settle([item], results);
      }),
    );
  }

  /** Enqueues the runs that started, then answers; rows not written yet go in the next batch. */
  private async settle(batch: Pending[], results: (RecordResult | undefined)[]) {
    const started = batch.filter((_item, i) => results[i] && !results[i].duplicate);
    await this.enqueue(started.map((item) => item.row));
    batch.forEach((item, i) => {
      const result = results[i];
      if (result) item.resolve(result);
      else this.pending.unshift(item);
    });
    if (this.pending.length) this.schedule();
  }

  /** One result per row, in order; undefined for a row that must be written again. */
  private async insert(rows: DeliveryRow[]): Promise<(RecordResult | undefined)[]> {
    if (!rows.some(claimsKey)) {
      await this.pool.query({
        name: 'hookflow_record_deliveries',
        text: RECORD_BATCH_SQL,
        values: valuesOf(rows),
      });
      return rows.map(() => STARTED);
    }
    const { rows: fates } = await this.pool.query<{
      id: string;
      starts: boolean;
      earlierExecution: string | null;
    }>({
      name: 'hookflow_record_deliveries_once',
      text: RECORD_BATCH_ONCE_SQL,
      values: [
        ...valuesOf(rows),
        rows.map((row) => (claimsKey(row) ? row.dedupeTtlSeconds! : null)),
      ],
    });
    const byId = new Map(fates.map((fate) => [fate.id, fate]));
    return rows.map((row) => {
      const fate = byId.get(row.id)!;
      if (fate.starts) return STARTED;
      return fate.earlierExecution
        ? { duplicate: true, executionId: fate.earlierExecution }
        : undefined;
    });
  }

  /** Hands the executions of committed rows to the queue; a failure is the sweeper's to repair. */
  private async enqueue(rows: DeliveryRow[]) {
    const accepted = rows.filter((row) => row.execution);
    if (!accepted.length) return;
    const ids = accepted.map((row) => row.execution!.id);
    this.events.announce(
      accepted.map((row) => runCreated(row.teamId, row.flowId, row.execution!.id, row.mode)),
    );
    await this.queue
      .startMany(ids)
      .catch((problem: Error) =>
        this.logger.warn(`enqueue failed, the outbox sweeper will retry: ${problem.message}`),
      );
  }
}

function failure(error: unknown): Error {
  if (isDataError(error)) return new UnstorableDelivery((error as Error).message);
  return error instanceof Error ? error : new Error(String(error));
}
