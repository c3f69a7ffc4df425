import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DATABASE_URL } from '../database/database.module.js';
import { ExecutionsModule } from '../executions/executions.module.js';
import { FlowsModule } from '../flows/flows.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { DeliveriesController } from './deliveries.controller.js';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveryEntity } from './delivery.entity.js';
import { DeliveryRecorder } from './delivery-recorder.js';
import {
  FlowChangeRelay,
  notifyFlowChangeSql,
  PostgresFlowChangeRelay,
} from './flow-change-relay.js';
import { OldKeyRequestsController } from './old-key-requests.controller.js';
import { OldKeyRequestLog } from './old-key-requests.js';
import { SyncReplyWaiter } from './sync-reply.js';
import { TriggerIngressService } from './trigger-ingress.service.js';
import { TriggerResolver } from './trigger-resolver.js';
import { verificationSourcesProvider } from './verification-sources.js';

@Module({
  imports: [TypeOrmModule.forFeature([DeliveryEntity]), FlowsModule, ExecutionsModule, TeamsModule],
  controllers: [DeliveriesController, OldKeyRequestsController], // trigger URLs: hooks-handler.ts, ahead of the router
  providers: [
    TriggerIngressService,
    TriggerResolver,
    DeliveryRecorder,
    SyncReplyWaiter,
    DeliveriesService,
    verificationSourcesProvider,
    OldKeyRequestLog,
    {
      provide: FlowChangeRelay,
      inject: [APP_CONFIG, DATABASE_URL, DataSource],
      useFactory: async (config: AppConfig, url: string, dataSource: DataSource) => {
        if (config.mode === 'embedded' || !config.runsApi) return new FlowChangeRelay();
        const relay = new PostgresFlowChangeRelay(url, (flowId) =>
          dataSource.query(notifyFlowChangeSql, [flowId]),
        );
        await relay.start();
        return relay;
      },
    },
  ],
})
export class TriggersModule implements OnApplicationShutdown {
  constructor(@Inject(FlowChangeRelay) private readonly relay: FlowChangeRelay) {}

  /** The relay's LISTEN connection must not outlive the process's other connections. */
  async onApplicationShutdown(): Promise<void> {
    await this.relay.close();
  }
}
