import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { redactText } from '@hookflow/shared';
import { DelayedError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { QueueConnection } from '../queue/queue-connection.js';
import { EXECUTIONS_QUEUE, ExecutionQueue, type AdvanceExecutionJob } from './execution-queue.js';
import { SchedulesService } from '../schedules/schedules.service.js';
import { ExecutionHeld } from './execution-admission.js';
import { ExecutionEventBus } from './execution-events.js';
import { ExecutionRunner } from './execution-runner.js';
import { ExecutionStore } from './execution-store.js';
import { ExecutionsService } from './executions.service.js';
import { LocalDispatch } from './local-dispatch.js';

/** How long a worker's claim on a job lasts unrenewed: a crashed worker's job runs again after it. */
export const JOB_LOCK_MS = 15_000;
const SWEEP_EVERY_MS = 10_000;
// Younger queued executions are probably between their commit and their enqueue.
const SWEEP_AFTER_MS = 10_000;
// A run untouched this long (and, when waiting, due this long ago) should have shown its job by now.
const STUCK_AFTER_MS = 2 * JOB_LOCK_MS;
const STUCK_BATCH = 200;
// Idle runs cannot become stuck faster than STUCK_AFTER_MS, so looking more often buys nothing.
const STUCK_SWEEP_EVERY_MS = STUCK_AFTER_MS;
// A run seen without a job once, and not seen again within this long, is forgotten.
const SUSPECT_TTL_MS = 10 * 60_000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
const PRUNE_EVERY_MS = 60 * 60_000;
// A run held back by its flow's limits looks again after 250–500 ms, backing off to 1–2 s.
const HELD_FIRST_MS = 500;
const HELD_MAX_MS = 2000;
// A run whose in-process start failed goes to the queue, to be tried again after this long.
const HANDED_OVER_AFTER_MS = 1000;

/** How long a held job waits before its next look, with jitter so held runs do not move in step. */
function heldDelayMs(holds: number): number {
  const ceiling = Math.min(HELD_MAX_MS, HELD_FIRST_MS * 1.5 ** Math.max(0, holds));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** BullMQ gave up on the job: its attempts are spent, or it failed for good (stalled too often). */
function failedForGood(job: Job): boolean {
  return Boolean(job.finishedOn) || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** An unfinished run that nothing has touched for a while (see `sweepStuckRuns`). */
interface IdleRun {
  id: string;
  status: 'queued' | 'running' | 'waiting';
  started: boolean;
  /** Names the state the run was found in: the status and when anything last happened to it. */
  key: string;
}

export interface StuckSweep {
  /** Idle runs looked at. */
  checked: number;
  /** Runs found without a job (twice in a row) and enqueued again. */
  resumed: number;
  /** Runs whose last job had failed for good without the run being marked failed. */
  failed: number;
}

/**
 * The worker role: runs execution jobs, marks runs failed when BullMQ gives up on their job,
 * re-enqueues committed executions whose job went missing (the outbox sweeper of the durability
 * rule, and the stuck-run sweeper for runs that had started), and prunes executions past their
 * retention.
 */
@Injectable()
export class ExecutionWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ExecutionWorker.name);
  private readonly timers: NodeJS.Timeout[] = [];
  /** Executions a job of this process is advancing right now. */
  private readonly advancing = new Set<string>();
  /** Runs the last sweeps found without a job, with the state they were in. */
  private readonly suspects = new Map<string, { key: string; at: number }>();
  private stuckCursor = FIRST_ID;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QueueConnection) private readonly connection: QueueConnection,
    @Inject(ExecutionQueue) private readonly queue: ExecutionQueue,
    @Inject(ExecutionRunner) private readonly runner: ExecutionRunner,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SchedulesService) private readonly schedules: SchedulesService,
    @Inject(ExecutionsService) private readonly executions: ExecutionsService,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
    @Inject(ExecutionStore) private readonly store: ExecutionStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorker) return;
    await this.schedules.startWorker((flowId, tick) =>
      this.executions.startScheduled(flowId, tick),
    );
    const worker = this.connection.createWorker<AdvanceExecutionJob, void>(
      EXECUTIONS_QUEUE,
      (job, token) => this.advance(job, token),
      {
        concurrency: this.config.queue.concurrency,
        // Short locks so a crashed worker's job is picked up again within seconds.
        lockDuration: JOB_LOCK_MS,
        stalledInterval: 5_000,
        maxStalledCount: 10,
      },
    );
    // A job that stalled too often fails here too: BullMQ fails it when a worker next takes it.
    worker.on('failed', (job, error) => {
      if (!job || !failedForGood(job)) return;
      this.failRun(job.data.executionId, job.failedReason || error.message).catch(
        (failure: Error) =>
          this.logger.warn(`could not mark ${job.data.executionId} failed: ${failure.message}`),
      );
    });
    if (this.config.mode === 'embedded') await this.startRunsHere();
    this.every(SWEEP_EVERY_MS, () => this.sweepOutbox());
    this.every(STUCK_SWEEP_EVERY_MS, () => this.sweepStuckRuns());
    this.every(PRUNE_EVERY_MS, () => this.prune());
  }

  /**
   * Embedded mode: new runs start in this process (LocalDispatch), and so do the runs the last
   * process left queued or running with no job of theirs on the queue (it was the only process,
   * so nothing else is advancing them). A run whose job is still on the queue keeps it.
   */
  private async startRunsHere() {
    const local = new LocalDispatch(this.config.queue.concurrency, (id) => this.advanceHere(id));
    this.queue.runHere(local);
    const unfinished = await this.store.unfinishedRuns();
    if (!unfinished.length) return;
    const live = await this.queue.executionsWithLiveJobs();
    const orphans = unfinished.filter((id) => !live.has(id));
    if (orphans.length) this.logger.log(`Resuming ${orphans.length} unfinished runs`);
    local.add(orphans);
  }

  /**
   * Runs the execution forward; when its flow's limits hold it back, the same job goes back to
   * the delayed set (the execution stays queued or waiting) and is looked at again shortly.
   */
  private async advance(job: Job<AdvanceExecutionJob>, token?: string): Promise<void> {
    if (!(await this.tryAdvance(job.data.executionId))) await this.holdBack(job, token);
  }

  /**
   * `advance` for a run started in this process: a hold becomes a delayed job, and a failure
   * becomes the run's first job on the queue, whose attempts and backoff take it from there.
   */
  private async advanceHere(executionId: string): Promise<void> {
    try {
      if (!(await this.tryAdvance(executionId)))
        await this.queue.continueLater(executionId, heldDelayMs(0), 'held');
    } catch (error) {
      this.logger.warn(`Execution ${executionId}: ${(error as Error).message}; queued to retry`);
      await this.queue
        .startOnQueue(executionId, HANDED_OVER_AFTER_MS)
        .catch((failure: Error) =>
          this.logger.warn(`could not queue ${executionId}, the sweepers will: ${failure.message}`),
        );
    }
  }

  /** False when the flow's limits, or a job of the same run already here, hold the run back. */
  private async tryAdvance(executionId: string): Promise<boolean> {
    // Never two jobs of one run at once in this process (the sweepers' last line of defence).
    if (this.advancing.has(executionId)) return false;
    this.advancing.add(executionId);
    try {
      await this.runner.advance(executionId);
      return true;
    } catch (error) {
      if (error instanceof ExecutionHeld) return false;
      throw error;
    } finally {
      this.advancing.delete(executionId);
    }
  }

  private async holdBack(job: Job<AdvanceExecutionJob>, token?: string): Promise<void> {
    // attemptsStarted counts every time the job was taken, so it grows with each hold.
    const delay = heldDelayMs((job.attemptsStarted ?? 1) - 1);
    if (!token) return this.queue.continueLater(job.data.executionId, delay, 'held');
    await job.moveToDelayed(Date.now() + delay, token);
    throw new DelayedError();
  }

  /**
   * Marks an unfinished run failed (and the step it was in the middle of), and tells whoever
   * waits on it. Returns false when the run had already finished.
   */
  async failRun(executionId: string, reason: string): Promise<boolean> {
    const message = `The run could not be completed: ${redactText(reason)}`;
    const stepError = { message, code: 'INTERRUPTED', retryable: false };
    const failed = await this.store.failRun(executionId, message, stepError);
    if (!failed) return false;
    this.logger.warn(`Execution ${executionId} failed: ${message}`);
    const { teamId, flowId } = failed;
    await this.events.publish({
      executionId,
      kind: 'status',
      team: {
        teamId,
        event: { type: 'execution.finished', executionId, flowId, status: 'failed' },
      },
    });
    return true;
  }

  /** Enqueues executions committed a while ago that never started and have no job. */
  async sweepOutbox(): Promise<number> {
    const ids = await this.store.unstartedExecutions(SWEEP_AFTER_MS / 1000, 500);
    if (!ids.length) return 0;
    const live = await this.queue.executionsWithLiveJobs();
    // `start` reuses the execution id as job id, so adding a job the listing missed is a no-op.
    const missing = ids.filter((id) => !live.has(id) && !this.advancing.has(id));
    for (const id of missing) await this.queue.start(id);
    return missing.length;
  }

  /**
   * Finds unfinished runs that have been idle for a while (no step started or finished for
   * twice a job lock; waiting runs only once their resume time is that far past) and gives a
   * job back to those that have none: Redis restarted without persistence, a job removed, a
   * failure nobody recorded. Up to STUCK_BATCH runs per call, going round all of them across
   * calls. A run is only acted on when two calls in a row (the timer spaces them 30 s apart)
   * found it without a job in the same state, since reading the queue's states one by one can
   * miss a job that moves meanwhile. Then:
   * - a run that never started gets its first job again (job id = execution id);
   * - a started run gets a recovery job whose id names the state, so two processes sweeping
   *   at once add one job; the runner resumes it from its last completed step;
   * - if that job already exists and failed for good, the run is marked failed instead.
   */
  async sweepStuckRuns(): Promise<StuckSweep> {
    const rows = await this.store.idleRuns(STUCK_AFTER_MS / 1000, this.stuckCursor, STUCK_BATCH);
    this.stuckCursor = rows.length < STUCK_BATCH ? FIRST_ID : rows[rows.length - 1].id;
    const sweep: StuckSweep = { checked: rows.length, resumed: 0, failed: 0 };
    for (const [id, suspect] of this.suspects)
      if (suspect.at < Date.now() - SUSPECT_TTL_MS) this.suspects.delete(id);
    if (!rows.length) return sweep;

    // Read after the runs: a job that moved a run on since then is still listed, or finished it.
    const live = await this.queue.executionsWithLiveJobs();
    for (const row of rows) {
      const run: IdleRun = { ...row, key: `${row.status}-${row.at}` };
      if (live.has(run.id) || this.advancing.has(run.id)) {
        this.suspects.delete(run.id);
        continue;
      }
      if (this.suspects.get(run.id)?.key !== run.key) {
        this.suspects.set(run.id, { key: run.key, at: Date.now() });
        continue;
      }
      this.suspects.delete(run.id);
      try {
        const outcome = await this.recover(run);
        if (outcome !== 'skipped') sweep[outcome]++;
      } catch (error) {
        this.logger.warn(`could not recover execution ${run.id}: ${(error as Error).message}`);
      }
    }
    return sweep;
  }

  private async recover(run: IdleRun): Promise<'resumed' | 'failed' | 'skipped'> {
    const previous = run.started
      ? await this.queue.recoveryJob(run.id, run.key)
      : await this.queue.firstJob(run.id);
    if (previous.state === 'failed')
      return (await this.failRun(run.id, previous.reason)) ? 'failed' : 'skipped';
    if (run.started) {
      // Recovered from this very state before, and the run did not move: leave it be.
      if (previous.state !== 'none') return 'skipped';
      await this.queue.recover(run.id, run.key);
    } else {
      await this.queue.forgetFirstJob(run.id);
      await this.queue.start(run.id);
    }
    this.logger.warn(`Execution ${run.id} (${run.status}) had no job: enqueued it again`);
    return 'resumed';
  }

  async prune(): Promise<void> {
    const days = this.config.executions.retentionDays;
    await this.dataSource.query(
      `DELETE FROM hookflow.executions WHERE created_at < now() - make_interval(days => $1)`,
      [days],
    );
    await this.dataSource.query(
      `DELETE FROM hookflow.deliveries WHERE received_at < now() - make_interval(days => $1)`,
      [days],
    );
    await this.dataSource.query(`DELETE FROM hookflow.delivery_dedupe WHERE expires_at < now()`);
  }

  beforeApplicationShutdown(): void {
    this.timers.splice(0).forEach(clearInterval);
  }

  /** Runs `task` every `ms`, skipping a tick while the previous run is still going. */
  private every(ms: number, task: () => Promise<unknown>) {
    let running = false;
    this.timers.push(
      setInterval(() => {
        if (running) return;
        running = true;
        task()
          .catch((error: Error) => this.logger.warn(error.message))
          .finally(() => (running = false));
      }, ms).unref(),
    );
  }
}
