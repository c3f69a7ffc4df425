import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { nodeCatalog } from '@hookflow/shared';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { DATABASE_URL } from '../database/database.module.js';
import type { NodeServices } from '../engine/index.js';
import { FlowsModule } from '../flows/flows.module.js';
import { assertCatalogCovered, nodeHandlers } from '../integrations/node-registry.js';
import { createDestinationCheck, createGuardedFetch } from '../outbound/index.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { ExecutionAdmission } from './execution-admission.js';
import {
  ExecutionEventBus,
  InProcessEventBus,
  notifySql,
  PostgresEventBus,
} from './execution-events.js';
import { ExecutionQueue } from './execution-queue.js';
import { ExecutionRunner, NODE_HANDLERS, NODE_SERVICES } from './execution-runner.js';
import { ExecutionStore } from './execution-store.js';
import { ExecutionWorker } from './execution-worker.js';
import { ExecutionEntity } from './execution.entity.js';
import { ExecutionsController } from './executions.controller.js';
import { ExecutionsService } from './executions.service.js';
import { FlowRunsController } from './flow-runs.controller.js';
import { RunAttemptEntity } from './run-attempt.entity.js';
import { SampleDataController } from './sample-data.controller.js';
import { SampleDataService } from './sample-data.service.js';
import { StepRunEntity } from './step-run.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ExecutionEntity, StepRunEntity, RunAttemptEntity]),
    TeamsModule,
    FlowsModule,
    CredentialsModule,
    SchedulesModule,
  ],
  controllers: [ExecutionsController, FlowRunsController, SampleDataController],
  providers: [
    ExecutionsService,
    SampleDataService,
    ExecutionStore,
    ExecutionQueue,
    ExecutionAdmission,
    ExecutionRunner,
    ExecutionWorker,
    {
      provide: ExecutionEventBus,
      inject: [APP_CONFIG, DATABASE_URL, DataSource],
      useFactory: async (config: AppConfig, url: string, dataSource: DataSource) => {
        if (config.mode === 'embedded') return new InProcessEventBus();
        const bus = new PostgresEventBus(url, (payloads) =>
          dataSource.query(notifySql, [payloads]),
        );
        await bus.start();
        return bus;
      },
    },
    {
      provide: NODE_HANDLERS,
      useFactory: () => {
        // Refuse to boot with a node type nobody can run, or one claimed twice.
        assertCatalogCovered(nodeCatalog, nodeHandlers);
        return nodeHandlers;
      },
    },
    {
      provide: NODE_SERVICES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): NodeServices => ({
        fetch: createGuardedFetch(config.outbound),
        checkDestination: createDestinationCheck(config.outbound),
        settings: config.integrations,
      }),
    },
  ],
  exports: [ExecutionsService, ExecutionQueue, ExecutionEventBus, ExecutionStore],
})
export class ExecutionsModule implements OnApplicationShutdown {
  constructor(@Inject(ExecutionEventBus) private readonly events: ExecutionEventBus) {}

  /** The bus's LISTEN connection must not outlive the process's other connections. */
  async onApplicationShutdown(): Promise<void> {
    await this.events.close();
  }
}
