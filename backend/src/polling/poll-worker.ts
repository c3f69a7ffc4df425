import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { PollScheduler } from './poll-scheduler.service.js';
import { PollerService } from './poller.service.js';

/** The worker role takes poll ticks: each tick polls its flow once. */
@Injectable()
export class PollWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PollScheduler) private readonly scheduler: PollScheduler,
    @Inject(PollerService) private readonly poller: PollerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorker) return;
    await this.scheduler.startWorker((job) => this.poller.poll(job.flowId, 'schedule'));
  }
}
