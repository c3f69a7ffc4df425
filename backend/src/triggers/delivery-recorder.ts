import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TriggerRequestContext } from '@hookflow/shared';
import type pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
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
  execution?: ExecutionStart;
}

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
const names = (columns: readonly (readonly [string, string])[]) =>
  columns.map(([name]) => name).join(', ');

/**
 * All deliveries of a batch and the executions of the accepted ones in one statement: one round
 * trip, one commit. Columns arrive as arrays, so one prepared statement serves every batch size.
 * Executions are stamped in arrival order (the ordering key runs them in that order).
 */
const RECORD_BATCH_SQL = `
  WITH input AS (
    SELECT * FROM unnest(${INPUT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
      WITH ORDINALITY AS t(${names(INPUT_COLUMNS)}, arrival)
  ), recorded AS (
    INSERT INTO ${APP_SCHEMA}.deliveries (${names(DELIVERY_COLUMNS)})
    SELECT ${names(DELIVERY_COLUMNS)} FROM input
  )
  INSERT INTO ${APP_SCHEMA}.executions (${EXECUTION_INSERT_COLUMNS.join(', ')}, created_at)
  SELECT ${EXECUTION_INSERT_COLUMNS.map((column) => EXECUTION_FROM_INPUT[column]).join(', ')},
    now() + arrival * interval '1 microsecond'
  FROM input WHERE execution_id IS NOT NULL`;

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

// SQLSTATE classes about the values themselves (22 data exception, 23 integrity, 54 limits).
const isDataError = (error: unknown) => /^(22|23|54)/.test((error as { code?: string }).code ?? '');

interface Pending {
  row: DeliveryRow;
  resolve(): void;
  reject(error: Error): void;
}

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
  /** Named (prepared once per connection) in server mode; embedded PGlite has one shared session. */
  private readonly statementName: string | undefined;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(ExecutionQueue) private readonly queue: ExecutionQueue,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
    this.statementName = config.mode === 'server' ? 'hookflow_record_deliveries' : undefined;
  }

  /** Resolves once the row (and its execution) is committed and the execution enqueued. */
  record(row: DeliveryRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      this.schedule();
    });
  }

  /** For a transaction of the caller's (de-duplication): the same statement, no batching. */
  async recordWithin(manager: EntityManager, row: DeliveryRow): Promise<void> {
    await manager.query(RECORD_BATCH_SQL, valuesOf([row]));
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= MAX_BATCHES_IN_FLIGHT) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.pending.length && this.inFlight < MAX_BATCHES_IN_FLIGHT) {
        const batch = this.pending.splice(0, MAX_BATCH_ROWS);
        this.inFlight++;
        void this.write(batch).finally(() => {
          this.inFlight--;
          if (this.pending.length) this.schedule();
        });
      }
    });
  }

  private async write(batch: Pending[]) {
    try {
      await this.insert(batch.map((item) => item.row));
    } catch (error) {
      // One row the database refuses must not sink the others: retry them one by one.
      if (batch.length > 1 && isDataError(error)) return this.writeOneByOne(batch);
      for (const item of batch) item.reject(failure(error));
      return;
    }
    await this.enqueue(batch.map((item) => item.row));
    for (const item of batch) item.resolve();
  }

  private async writeOneByOne(batch: Pending[]) {
    await Promise.all(
      batch.map(async (item) => {
        try {
          await this.insert([item.row]);
        } catch (error) {
          return item.reject(failure(error));
        }
        await this.enqueue([item.row]);
        item.resolve();
      }),
    );
  }

  private async insert(rows: DeliveryRow[]) {
    await this.pool.query({
      name: this.statementName,
      text: RECORD_BATCH_SQL,
      values: valuesOf(rows),
    });
  }

  /** Hands the executions of committed rows to the queue; a failure is the sweeper's to repair. */
  async enqueue(rows: DeliveryRow[]) {
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
