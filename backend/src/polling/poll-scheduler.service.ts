import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueConnection, type AppQueue, type AppWorker } from '../queue/queue-connection.js';
import { pollSchedulerIdFor, pollsQueueName, type PollJob, type PollTiming } from './poll-plan.js';

/** Finished poll jobs kept for inspection; the deliveries are the real record. */
const keep = { completed: { count: 100 }, failed: { count: 500 } };

/**
 * When trigger.poll flows poll: one BullMQ job scheduler per flow (an interval or a cron pattern),
 * on Redis or BullMQ's Postgres backend alike, producing one job per tick with a deterministic
 * id, so each tick is polled once however many workers listen. A failed poll is a delivery, not
 * a failed job: the next tick tries again, so jobs are not retried.
 */
@Injectable()
export class PollScheduler implements OnModuleInit {
  private readonly logger = new Logger('Polls');
  private readonly queue: AppQueue<PollJob>;

  constructor(@Inject(QueueConnection) private readonly connection: QueueConnection) {
    this.queue = connection.createQueue<PollJob>(pollsQueueName, {
      defaultJobOptions: { removeOnComplete: keep.completed, removeOnFail: keep.failed },
    });
  }

  /** The queue's backend must be ready (migrated) before workers start; see SchedulesService. */
  async onModuleInit(): Promise<void> {
    await this.queue.waitUntilReady();
  }

  /** Creates or replaces the flow's poll schedule. */
  async sync(flowId: string, teamId: string, timing: PollTiming): Promise<void> {
    const repeat =
      timing.kind === 'interval'
        ? { every: timing.everyMs }
        : { pattern: timing.cron, tz: timing.timezone };
    await this.queue.upsertJobScheduler(pollSchedulerIdFor(flowId), repeat, {
      name: 'poll',
      data: { flowId, teamId },
      opts: { attempts: 1 },
    });
  }

  /** Removes the flow's poll schedule and its pending tick; a poll already running finishes. */
  async remove(flowId: string): Promise<void> {
    await this.queue.removeJobScheduler(pollSchedulerIdFor(flowId));
  }

  /** When the flow polls next, or undefined without a schedule. */
  async nextPoll(flowId: string): Promise<Date | undefined> {
    const scheduler = await this.queue.getJobScheduler(pollSchedulerIdFor(flowId));
    return scheduler?.next === undefined ? undefined : new Date(scheduler.next);
  }

  /** A worker for poll jobs (worker role only). Closed with the QueueConnection. */
  async startWorker(
    poll: (job: PollJob) => Promise<unknown>,
    concurrency = 5,
  ): Promise<AppWorker<PollJob, void>> {
    await this.queue.waitUntilReady();
    const worker = this.connection.createWorker<PollJob, void>(
      pollsQueueName,
      async (job: Job<PollJob>) => {
        await poll(job.data);
      },
      { concurrency },
    );
    worker.on('failed', (job, error) =>
      this.logger.warn(`poll of flow ${job?.data.flowId ?? '?'} failed: ${error.message}`),
    );
    await worker.waitUntilReady();
    return worker;
  }
}
