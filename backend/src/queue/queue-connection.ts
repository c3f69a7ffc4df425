import {
  createPostgresBackend,
  createRedisBackend,
  withBackend,
  type IQueueBackend,
  type Processor,
  type Queue,
  type QueueOptions,
  type Worker,
  type WorkerOptions,
} from 'bullmq';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

export type QueueTarget =
  /** `prefix` namespaces the keys so installations (and test databases) sharing a Redis stay apart. */
  | { kind: 'redis'; url: string; prefix?: string }
  /**
   * `pollSeconds`: embedded PGlite's socket does not relay NOTIFY to BullMQ's LISTEN connection.
   * Jobs added through this connection wake its own workers at once instead (embedded mode is
   * one process, so that is every job), and idle workers look again at this interval only as a
   * safety net.
   */
  | { kind: 'postgres'; url: string; pollSeconds?: number };

/** A queue or worker on whichever backend the run mode chose; callers never see the difference. */
export type AppQueue<Data> = Queue<
  Data,
  unknown,
  string,
  Data,
  unknown,
  string,
  IQueueBackend,
  unknown
>;
export type AppWorker<Data, Result> = Worker<Data, Result, string, IQueueBackend>;

type QueueSettings = Omit<QueueOptions, 'connection'>;
type AddMethods = Record<'add' | 'addBulk', (...args: unknown[]) => Promise<unknown>>;
/** The part of BullMQ's Postgres backend that ends a worker's idle wait (not in its types). */
interface WakeableWorker {
  backend?: { cancelWait?: () => void };
}
type WorkerSettings = Omit<WorkerOptions, 'connection'>;

/**
 * How often idle embedded workers look for jobs nobody woke them for (see QueueTarget). Each look
 * is a few queries through PGlite, which costs CPU even when there is nothing to do.
 */
export const EMBEDDED_POLL_SECONDS = 5;

const redisClasses = withBackend(createRedisBackend);
const postgresClasses = withBackend(createPostgresBackend);

/**
 * Builds BullMQ queues and workers on the backend the run mode asks for: Redis, or BullMQ's own
 * Postgres backend (server Postgres, or embedded PGlite through its loopback socket).
 * Every Queue/Worker of the process is built here so they all share one backend choice.
 */
export class QueueConnection {
  private redis?: Redis;
  private readonly closables: Array<{ close(): Promise<void> }> = [];
  private readonly logger = new Logger('Queue');
  /** Workers built here, by queue name, for the in-process wake-up (see QueueTarget). */
  private readonly localWorkers = new Map<string, Set<WakeableWorker>>();

  constructor(readonly target: QueueTarget) {}

  createQueue<Data>(name: string, settings: QueueSettings = {}): AppQueue<Data> {
    const queue =
      this.target.kind === 'redis'
        ? new redisClasses.Queue<Data>(name, {
            ...this.redisPrefix(),
            ...settings,
            connection: this.redisClient(),
          })
        : new postgresClasses.Queue<Data>(name, {
            ...settings,
            connection: this.postgresOptions(),
          });
    this.track(queue);
    if (this.wakesInProcess) this.wakeOnAdd(name, queue as unknown as AddMethods);
    return queue as unknown as AppQueue<Data>;
  }

  createWorker<Data, Result>(
    name: string,
    processor: Processor<Data, Result>,
    settings: WorkerSettings = {},
  ): AppWorker<Data, Result> {
    const worker =
      this.target.kind === 'redis'
        ? new redisClasses.Worker<Data, Result>(name, processor, {
            ...this.redisPrefix(),
            ...settings,
            connection: this.redisClient(),
          })
        : new postgresClasses.Worker<Data, Result>(name, processor, {
            ...(this.target.pollSeconds ? { drainDelay: this.target.pollSeconds } : {}),
            ...settings,
            connection: this.postgresOptions(),
          });
    if (this.target.kind === 'postgres' && this.target.pollSeconds) {
      // With a delayed job pending, BullMQ blocks until it is due (up to an hour) and counts on a
      // NOTIFY to wake it for new jobs; without NOTIFY that would leave new jobs waiting meanwhile.
      Object.defineProperty(worker, 'maximumBlockTimeout', { value: this.target.pollSeconds });
    }
    if (this.wakesInProcess) {
      const workers = this.localWorkers.get(name) ?? new Set();
      workers.add(worker as unknown as WakeableWorker);
      this.localWorkers.set(name, workers);
      worker.on('closed', () => workers.delete(worker as unknown as WakeableWorker));
    }
    this.track(worker);
    return worker as unknown as AppWorker<Data, Result>;
  }

  private get wakesInProcess(): boolean {
    return this.target.kind === 'postgres' && this.target.pollSeconds !== undefined;
  }

  /**
   * After each add, ends the idle wait of this process's workers of the queue so they look for
   * the job now. Race-free: a worker that was not waiting yet checks for waiting jobs once it
   * starts to wait (BullMQ's Postgres backend does, to survive a missed NOTIFY).
   */
  private wakeOnAdd(name: string, queue: AddMethods) {
    for (const method of ['add', 'addBulk'] as const) {
      const original = queue[method].bind(queue);
      queue[method] = async (...args: unknown[]) => {
        const added = await original(...args);
        for (const worker of this.localWorkers.get(name) ?? []) worker.backend?.cancelWait?.();
        return added;
      };
    }
  }

  /** Closes what was built here (closing twice is harmless in BullMQ), then the shared client. */
  async close(): Promise<void> {
    await Promise.allSettled(this.closables.splice(0).map((closable) => closable.close()));
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }

  /**
   * A lost connection surfaces as an 'error' event; unheard, it would crash the process.
   * BullMQ reconnects by itself, and /readyz reports the outage meanwhile.
   */
  private track(emitter: {
    close(): Promise<void>;
    on(event: 'error', listener: (error: Error) => void): unknown;
  }) {
    emitter.on('error', (error) => this.logger.warn(`queue backend error: ${error.message}`));
    this.closables.push(emitter);
  }

  private redisPrefix() {
    return this.target.kind === 'redis' && this.target.prefix ? { prefix: this.target.prefix } : {};
  }

  private redisClient(): Redis {
    // BullMQ requires maxRetriesPerRequest: null for its blocking commands.
    this.redis ??= new Redis(this.target.url, { maxRetriesPerRequest: null });
    return this.redis;
  }

  private postgresOptions() {
    return { connectionString: this.target.url, migrate: true, max: 10 };
  }
}
