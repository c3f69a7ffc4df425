import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { QueueConnection } from '../queue/queue-connection.js';
import { EXECUTIONS_QUEUE, ExecutionQueue, type AdvanceExecutionJob } from './execution-queue.js';
import { SchedulesService } from '../schedules/schedules.service.js';
import { ExecutionHeld } from './execution-admission.js';
import { ExecutionRunner } from './execution-runner.js';
import { ExecutionsService } from './executions.service.js';

const SWEEP_EVERY_MS = 10_000;
// Younger queued executions are probably between their commit and their enqueue.
const SWEEP_AFTER_MS = 10_000;
const PRUNE_EVERY_MS = 60 * 60_000;
// A run held back by its flow's limits looks again after 250–500 ms, backing off to 1–2 s.
const HELD_FIRST_MS = 500;
const HELD_MAX_MS = 2000;

/** How long a held job waits before its next look, with jitter so held runs do not move in step. */
function heldDelayMs(holds: number): number {
  const ceiling = Math.min(HELD_MAX_MS, HELD_FIRST_MS * 1.5 ** Math.max(0, holds));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * The worker role: runs execution jobs, re-enqueues committed executions whose job went missing
 * (the outbox sweeper of the durability rule), and prunes executions past their retention.
 */
@Injectable()
export class ExecutionWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ExecutionWorker.name);
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QueueConnection) private readonly connection: QueueConnection,
    @Inject(ExecutionQueue) private readonly queue: ExecutionQueue,
    @Inject(ExecutionRunner) private readonly runner: ExecutionRunner,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SchedulesService) private readonly schedules: SchedulesService,
    @Inject(ExecutionsService) private readonly executions: ExecutionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorker) return;
    await this.schedules.startWorker((flowId, tick) =>
      this.executions.startScheduled(flowId, tick),
    );
    this.connection.createWorker<AdvanceExecutionJob, void>(
      EXECUTIONS_QUEUE,
      (job, token) => this.advance(job, token),
      {
        concurrency: this.config.queue.concurrency,
        // Short locks so a crashed worker's job is picked up again within seconds.
        lockDuration: 15_000,
        stalledInterval: 5_000,
        maxStalledCount: 10,
      },
    );
    this.every(SWEEP_EVERY_MS, () => this.sweepOutbox());
    this.every(PRUNE_EVERY_MS, () => this.prune());
  }

  /**
   * Runs the execution forward; when its flow's limits hold it back, the same job goes back to
   * the delayed set (the execution stays queued or waiting) and is looked at again shortly.
   */
  private async advance(job: Job<AdvanceExecutionJob>, token?: string): Promise<void> {
    try {
      await this.runner.advance(job.data.executionId);
    } catch (error) {
      if (!(error instanceof ExecutionHeld)) throw error;
      // attemptsStarted counts every time the job was taken, so it grows with each hold.
      const delay = heldDelayMs((job.attemptsStarted ?? 1) - 1);
      if (!token) return this.queue.continueLater(job.data.executionId, delay, 'held');
      await job.moveToDelayed(Date.now() + delay, token);
      throw new DelayedError();
    }
  }

  async sweepOutbox(): Promise<number> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM hookflow.executions WHERE status = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT 500`,
      [SWEEP_AFTER_MS / 1000],
    );
    for (const { id } of rows) await this.queue.start(id);
    return rows.length;
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

  private every(ms: number, task: () => Promise<unknown>) {
    this.timers.push(
      setInterval(
        () => task().catch((error: Error) => this.logger.warn(error.message)),
        ms,
      ).unref(),
    );
  }
}
