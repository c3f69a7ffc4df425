import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { AppQueue, AppWorker } from '../queue/queue-connection.js';
import { QueueConnection } from '../queue/queue-connection.js';
import { assertValidSchedule } from './next-runs.js';
import {
  schedulerIdFor,
  schedulesQueueName,
  tickTimeOf,
  type ScheduleTick,
} from './schedule-planner.js';

/** Starts the run of one tick; called once per tick, whichever worker process gets it. */
export type StartScheduledRun = (
  flowId: string,
  tick: Date,
  job: { teamId: string; version?: number },
) => Promise<unknown>;

/** Finished tick jobs kept for inspection; schedules produce many. */
const keep = { completed: { count: 100 }, failed: { count: 500 } };

/**
 * trigger.schedule on BullMQ job schedulers (Redis or BullMQ's Postgres backend alike): one
 * scheduler per flow (`upsertJobScheduler` with the cron pattern and time zone) produces one
 * delayed job per tick with a deterministic id, so each tick runs exactly once however many
 * workers listen. The tick's processor hands it to `startScheduledRun`.
 */
@Injectable()
export class SchedulesService implements OnModuleInit {
  private readonly logger = new Logger('Schedules');
  private readonly queue: AppQueue<ScheduleTick>;

  constructor(@Inject(QueueConnection) private readonly connection: QueueConnection) {
    this.queue = connection.createQueue<ScheduleTick>(schedulesQueueName, {
      defaultJobOptions: { removeOnComplete: keep.completed, removeOnFail: keep.failed },
    });
  }

  /**
   * Waits for the queue's backend (BullMQ's Postgres backend migrates its schema here). On the
   * embedded socket, migrations racing from several pools fail, so workers start after this.
   */
  async onModuleInit(): Promise<void> {
    await this.queue.waitUntilReady();
  }

  /**
   * Creates or replaces the flow's schedule. Throws a ScheduleConfigError (naming `cron` or
   * `timezone`) before touching the queue when the schedule cannot run.
   */
  async sync(
    flowId: string,
    teamId: string,
    cron: string,
    timezone: string,
    version?: number,
  ): Promise<void> {
    assertValidSchedule(cron, timezone);
    const data: ScheduleTick = { flowId, teamId, ...(version === undefined ? {} : { version }) };
    await this.queue.upsertJobScheduler(
      schedulerIdFor(flowId),
      { pattern: cron.trim(), tz: timezone },
      { name: 'tick', data, opts: { attempts: 3, backoff: { type: 'exponential', delay: 1000 } } },
    );
  }

  /** Removes the flow's schedule and its pending tick; a tick already running finishes. */
  async remove(flowId: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerIdFor(flowId));
  }

  /** The flow's next tick, or undefined without a schedule (for the API and tests). */
  async nextTick(flowId: string): Promise<Date | undefined> {
    const scheduler = await this.queue.getJobScheduler(schedulerIdFor(flowId));
    return scheduler?.next === undefined ? undefined : new Date(scheduler.next);
  }

  /** A worker for tick jobs (worker role only), ready to take ticks. Closed with the QueueConnection. */
  async startWorker(
    startScheduledRun: StartScheduledRun,
    concurrency = 5,
  ): Promise<AppWorker<ScheduleTick, void>> {
    await this.queue.waitUntilReady();
    const worker = this.connection.createWorker<ScheduleTick, void>(
      schedulesQueueName,
      scheduleTickProcessor(startScheduledRun),
      { concurrency },
    );
    worker.on('failed', (job, error) =>
      this.logger.warn(`schedule tick of flow ${job?.data.flowId ?? '?'} failed: ${error.message}`),
    );
    await worker.waitUntilReady();
    return worker;
  }
}

/** The processor of tick jobs: one call of `startScheduledRun` per tick. */
export function scheduleTickProcessor(startScheduledRun: StartScheduledRun) {
  return async (job: Job<ScheduleTick>): Promise<void> => {
    const { flowId, teamId, version } = job.data;
    await startScheduledRun(flowId, tickTimeOf(job), { teamId, version });
  };
}
