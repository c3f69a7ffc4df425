import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { ExecutionsModule } from '../executions/executions.module.js';
import { FlowsModule } from '../flows/flows.module.js';
import { createGuardedFetch } from '../outbound/index.js';
import { TeamsModule } from '../teams/teams.module.js';
import { PollScheduleModule } from './poll-schedule.module.js';
import { PollStore } from './poll-store.js';
import { PollWorker } from './poll-worker.js';
import { POLL_FETCH, PollerService } from './poller.service.js';
import { PollsController } from './polls.controller.js';

/** trigger.poll: the poller, its "Poll now" route, and the worker that takes poll ticks. */
@Module({
  imports: [TeamsModule, FlowsModule, CredentialsModule, ExecutionsModule, PollScheduleModule],
  controllers: [PollsController],
  providers: [
    PollerService,
    PollStore,
    PollWorker,
    {
      provide: POLL_FETCH,
      inject: [APP_CONFIG],
      // The same outbound guard as every step's requests.
      useFactory: (config: AppConfig) => createGuardedFetch(config.outbound),
    },
  ],
})
export class PollingModule {}
