import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import pg from 'pg';

/**
 * Something happened to an execution; listeners re-read what they need from the database.
 * `watch` says someone streams the execution's live progress (see `ExecutionEventBus.watch`).
 */
export interface ExecutionSignal {
  executionId: string;
  kind: 'step' | 'status' | 'respond' | 'cancel' | 'watch';
}

type Listener = (signal: ExecutionSignal) => void;

const CHANNEL = 'hookflow_execution_events';
// A watcher in another process says so this often; its watch lapses after WATCH_TTL_MS unheard.
const WATCH_EVERY_MS = 10_000;
const WATCH_TTL_MS = 3 * WATCH_EVERY_MS;

/**
 * Carries execution signals to whichever process waits for them: the api process holding a
 * `sync` trigger request, an SSE stream, a worker running a canceled execution. Step-by-step
 * progress is only worth announcing while someone watches the execution: `isWatched` tells the
 * runner, across processes in server mode.
 */
export abstract class ExecutionEventBus {
  protected readonly local = new EventEmitter().setMaxListeners(0);
  /** Executions watched here (count of watchers), and elsewhere (until when). */
  private readonly watchers = new Map<string, number>();
  protected readonly remoteWatches = new Map<string, number>();
  readonly channel = CHANNEL;
  /**
   * True when signals travel as pg_notify in the statement that commits what they announce
   * (ExecutionStore folds them in); false when they are emitted after the commit.
   */
  abstract readonly foldsIntoSql: boolean;

  abstract publish(signal: ExecutionSignal): Promise<void>;

  subscribe(executionId: string, listener: Listener): () => void {
    this.local.on(executionId, listener);
    return () => this.local.off(executionId, listener);
  }

  /** Subscribes as a watcher of the execution's live progress (an SSE stream). */
  watch(executionId: string, listener: Listener): () => void {
    const unsubscribe = this.subscribe(executionId, listener);
    this.watchers.set(executionId, (this.watchers.get(executionId) ?? 0) + 1);
    const stopAnnouncing = this.announceWatch(executionId);
    return () => {
      stopAnnouncing();
      unsubscribe();
      const left = (this.watchers.get(executionId) ?? 1) - 1;
      if (left > 0) this.watchers.set(executionId, left);
      else this.watchers.delete(executionId);
    };
  }

  isWatched(executionId: string): boolean {
    if (this.watchers.has(executionId)) return true;
    const until = this.remoteWatches.get(executionId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.remoteWatches.delete(executionId);
    return false;
  }

  /** Tells the other processes about a watch, again while it lasts; returns how to stop. */
  protected announceWatch(_executionId: string): () => void {
    return () => undefined;
  }

  protected heardWatch(executionId: string): void {
    this.remoteWatches.set(executionId, Date.now() + WATCH_TTL_MS);
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
  }
}

/** Embedded mode: one process, so an in-memory emitter reaches everyone. */
export class InProcessEventBus extends ExecutionEventBus {
  readonly foldsIntoSql = false;

  async publish(signal: ExecutionSignal): Promise<void> {
    this.local.emit(signal.executionId, signal);
  }
}

/** Server mode: Postgres NOTIFY reaches every api and worker process, whatever the queue backend. */
export class PostgresEventBus extends ExecutionEventBus {
  readonly foldsIntoSql = true;
  private readonly logger = new Logger(PostgresEventBus.name);
  private listener?: pg.Client;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly notify: (payload: string) => Promise<unknown>,
  ) {
    super();
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const signal = JSON.parse(message.payload) as ExecutionSignal;
      if (signal.kind === 'watch') this.heardWatch(signal.executionId);
      else this.local.emit(signal.executionId, signal);
    });
    // A dropped LISTEN connection is re-opened; until then waiters fall back to their timeouts.
    client.on('error', (error) => {
      this.logger.warn(`event listener lost: ${error.message}`);
      if (!this.closed)
        setTimeout(() => !this.closed && void this.start().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  async publish(signal: ExecutionSignal): Promise<void> {
    await this.notify(JSON.stringify(signal));
  }

  protected announceWatch(executionId: string): () => void {
    const announce = () =>
      void this.publish({ executionId, kind: 'watch' }).catch((error: Error) =>
        this.logger.warn(`could not announce a watch: ${error.message}`),
      );
    announce();
    const timer = setInterval(announce, WATCH_EVERY_MS).unref();
    return () => clearInterval(timer);
  }

  async close(): Promise<void> {
    this.closed = true;
    await super.close();
    // A connection the database already dropped may never acknowledge the end.
    const ended = this.listener?.end().catch(() => undefined);
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}

export const notifySql = `SELECT pg_notify('${CHANNEL}', $1)`;
