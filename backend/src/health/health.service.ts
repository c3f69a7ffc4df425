import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ReadinessReport } from '@hookflow/shared';
import { DataSource } from 'typeorm';
import type { AppQueue } from '../queue/queue-connection.js';
import { QueueConnection } from '../queue/queue-connection.js';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

@Injectable()
export class HealthService implements OnModuleInit, OnModuleDestroy {
  // A queue handle used only to ask the queue backend for counts: proves it answers.
  private readonly probe: AppQueue<never>;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(QueueConnection) queues: QueueConnection,
  ) {
    this.probe = queues.createQueue('health-probe');
  }

  /** Connects (and, on Postgres, migrates BullMQ's schema) at boot rather than on the first probe. */
  async onModuleInit(): Promise<void> {
    await this.probe.waitUntilReady();
  }

  async readiness(): Promise<ReadinessReport> {
    const [database, queue] = await Promise.all([
      this.check(() => this.dataSource.query('SELECT 1'), 'database'),
      this.check(() => this.probe.getJobCounts('waiting'), 'queue'),
    ]);
    const checks = { database, queue };
    return { status: database.ok && queue.ok ? 'ok' : 'unavailable', checks };
  }

  async onModuleDestroy(): Promise<void> {
    await this.probe.close();
  }

  private async check(
    probe: () => Promise<unknown>,
    what: string,
  ): Promise<{ ok: boolean; error?: string }> {
    try {
      await withTimeout(probe(), what);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
