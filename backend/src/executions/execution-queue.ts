import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { JobType } from 'bullmq';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { QueueConnection, type AppQueue } from '../queue/queue-connection.js';
import type { LocalDispatch } from './local-dispatch.js';

export const EXECUTIONS_QUEUE = 'executions';

/** The states of a job that has yet to run, or is running. */
const LIVE_STATES: JobType[] = ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'];

/** What became of a run's recovery job, or of its first job. */
export type PastJob = { state: 'none' } | { state: 'failed'; reason: string } | { state: 'other' };

/** Every job id is the execution id, alone or followed by `_<why>_<when>`. */
export function executionIdOfJob(jobId: string): string {
  return jobId.split('_', 1)[0];
}

export interface AdvanceExecutionJob {
  executionId: string;
}

/**
 * Jobs that move an execution forward. The first job's id is the execution id, so enqueueing
 * twice (the outbox sweeper racing the ingress) runs it once; continuations after a delay or a
 * retry backoff get ids of their own. A run whose job went missing gets a recovery job whose id
 * names the state it was found in, so every process that finds it stuck adds the same job.
 * In embedded mode the worker takes the first advance in-process instead (`runHere`).
 */
@Injectable()
export class ExecutionQueue implements BeforeApplicationShutdown {
  readonly queue: AppQueue<AdvanceExecutionJob>;
  private local?: LocalDispatch;

  constructor(
    @Inject(QueueConnection) connection: QueueConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.queue = connection.createQueue<AdvanceExecutionJob>(EXECUTIONS_QUEUE, {
      defaultJobOptions: {
        // Infrastructure failures (database briefly down) retry the whole advance; step
        // failures are handled by the steps' own retry policies and never fail the job.
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        // BullMQ's Postgres backend pays for keeping finished jobs on every completion (its
        // retention query: ~4.7 of the 6.8 ms a job's finish costs on PGlite), and the runs'
        // history lives in the executions table anyway. A completed job's id can then be added
        // again; the runner finds that run finished and does nothing.
        removeOnComplete: connection.target.kind === 'postgres' ? true : { age: 3600, count: 5000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  /** From now on, runs start in this process (embedded mode's worker; see LocalDispatch). */
  runHere(local: LocalDispatch): void {
    this.local = local;
  }

  async start(executionId: string): Promise<void> {
    if (this.local) return this.local.add([executionId]);
    await this.startOnQueue(executionId);
  }

  /**
   * The first job, on the queue even where runs start in-process: there it takes over a start
   * that failed (the database briefly down), with the job's attempts and backoff.
   */
  async startOnQueue(executionId: string, delayMs = 0): Promise<void> {
    await this.queue.add('advance', { executionId }, { jobId: executionId, delay: delayMs });
  }

  /** `start` for many executions in one round trip, in order (the ingress's group commit; a poll's new items, oldest first). */
  async startMany(executionIds: readonly string[]): Promise<void> {
    if (this.local) return this.local.add(executionIds);
    // BullMQ's Postgres backend builds two temporary tables per addBulk: on PGlite that is file
    // creation, ~15 ms, so a lone job (every quiet-time delivery) goes in with a plain add.
    if (executionIds.length === 1) return this.start(executionIds[0]);
    await this.queue.addBulk(
      executionIds.map((executionId) => ({
        name: 'advance',
        data: { executionId },
        opts: { jobId: executionId },
      })),
    );
  }

  async continueLater(executionId: string, delayMs: number, reason: string): Promise<void> {
    await this.queue.add(
      'advance',
      { executionId },
      { jobId: `${executionId}_${reason}_${Date.now()}`, delay: Math.max(0, delayMs) },
    );
  }

  /**
   * The executions that have a job waiting, delayed or running, or wait or run in this process.
   * Ids only, in one read per state: a job that moves between states during the read can be
   * missed, so callers confirm an absence later before acting on it.
   */
  async executionsWithLiveJobs(): Promise<Set<string>> {
    const ids = await this.queue.getRanges(LIVE_STATES, 0, -1);
    return new Set([...ids.map(executionIdOfJob), ...(this.local?.ids() ?? [])]);
  }

  /** The first job of an execution (the one `start` adds), if it is still kept. */
  firstJob(executionId: string): Promise<PastJob> {
    return this.pastJob(executionId);
  }

  recoveryJob(executionId: string, stateKey: string): Promise<PastJob> {
    return this.pastJob(recoveryJobId(executionId, stateKey));
  }

  /** Adds the recovery job; a second add for the same state is a no-op, like `start`. */
  async recover(executionId: string, stateKey: string): Promise<void> {
    await this.queue.add(
      'advance',
      { executionId },
      // Kept an hour whatever the throughput, so a late sweep cannot add it a second time.
      { jobId: recoveryJobId(executionId, stateKey), removeOnComplete: { age: 3600 } },
    );
  }

  /** Drops a finished first job so that `start` can add it again. */
  async forgetFirstJob(executionId: string): Promise<void> {
    const state = await this.queue.getJobState(executionId);
    if (state === 'completed' || state === 'failed') await this.queue.remove(executionId);
  }

  /**
   * Lets the runs started here finish before the database closes (bounded like the queue's own
   * close); the ones still waiting to start stay queued in the database for the next boot.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.local) return;
    const timeout = new Promise((resolve) =>
      setTimeout(resolve, this.config.queue.shutdownTimeoutMs).unref(),
    );
    await Promise.race([this.local.stop(), timeout]);
  }

  private async pastJob(jobId: string): Promise<PastJob> {
    const job = await this.queue.getJob(jobId);
    if (!job) return { state: 'none' };
    if ((await job.getState()) === 'failed')
      return { state: 'failed', reason: job.failedReason || 'the job failed' };
    return { state: 'other' };
  }
}

function recoveryJobId(executionId: string, stateKey: string): string {
  return `${executionId}_recover_${stateKey}`;
}
