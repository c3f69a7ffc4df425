import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import pg from 'pg';

/** Something happened to an execution; listeners re-read what they need from the database. */
export interface ExecutionSignal {
  executionId: string;
  kind: 'step' | 'status' | 'respond' | 'cancel';
}

type Listener = (signal: ExecutionSignal) => void;

/**
 * Carries execution signals to whichever process waits for them: the api process holding a
 * `sync` trigger request, an SSE stream, a worker running a canceled execution.
 */
export abstract class ExecutionEventBus {
  protected readonly local = new EventEmitter().setMaxListeners(0);

  abstract publish(signal: ExecutionSignal): Promise<void>;

  subscribe(executionId: string, listener: Listener): () => void {
    this.local.on(executionId, listener);
    return () => this.local.off(executionId, listener);
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
  }
}

/** Embedded mode: one process, so an in-memory emitter reaches everyone. */
export class InProcessEventBus extends ExecutionEventBus {
  async publish(signal: ExecutionSignal): Promise<void> {
    this.local.emit(signal.executionId, signal);
  }
}

const CHANNEL = 'hookflow_execution_events';

/** Server mode: Postgres NOTIFY reaches every api and worker process, whatever the queue backend. */
export class PostgresEventBus extends ExecutionEventBus {
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
      this.local.emit(signal.executionId, signal);
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

  async close(): Promise<void> {
    this.closed = true;
    await super.close();
    // A connection the database already dropped may never acknowledge the end.
    const ended = this.listener?.end().catch(() => undefined);
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}

export const notifySql = `SELECT pg_notify('${CHANNEL}', $1)`;
