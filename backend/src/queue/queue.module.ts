import {
  Global,
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
} from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { QueueConnection, type QueueTarget } from './queue-connection.js';

/** Stops the process's queues and workers before the database closes under them. */
class QueueShutdown implements BeforeApplicationShutdown {
  constructor(
    @Inject(QueueConnection) private readonly connection: QueueConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    // Workers finish their running jobs (BullMQ's close waits); a stuck job must not hold the
    // process forever, so the wait is bounded — an unfinished job is picked up again elsewhere.
    const timeout = new Promise((resolve) =>
      setTimeout(resolve, this.config.queue.shutdownTimeoutMs).unref(),
    );
    await Promise.race([this.connection.close(), timeout]);
  }
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(target: QueueTarget): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        { provide: QueueConnection, useValue: new QueueConnection(target) },
        QueueShutdown,
      ],
      exports: [QueueConnection],
    };
  }
}
