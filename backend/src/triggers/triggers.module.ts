import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExecutionsModule } from '../executions/executions.module.js';
import { FlowsModule } from '../flows/flows.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { DeliveriesController } from './deliveries.controller.js';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveryEntity } from './delivery.entity.js';
import { HooksController } from './hooks.controller.js';
import { TriggerIngressService } from './trigger-ingress.service.js';
import { TriggerResolver } from './trigger-resolver.js';

@Module({
  imports: [TypeOrmModule.forFeature([DeliveryEntity]), FlowsModule, ExecutionsModule, TeamsModule],
  controllers: [HooksController, DeliveriesController],
  providers: [TriggerIngressService, TriggerResolver, DeliveriesService],
})
export class TriggersModule {}
