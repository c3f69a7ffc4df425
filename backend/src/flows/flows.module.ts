import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { PollScheduleModule } from '../polling/poll-schedule.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { FlowChanges } from './flow-changes.js';
import { FlowVersionEntity } from './flow-version.entity.js';
import { FlowEntity } from './flow.entity.js';
import { FlowsController } from './flows.controller.js';
import { FlowsService } from './flows.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([FlowEntity, FlowVersionEntity]),
    TeamsModule,
    CredentialsModule,
    SchedulesModule,
    PollScheduleModule,
  ],
  controllers: [FlowsController],
  providers: [FlowsService, FlowChanges],
  exports: [FlowsService, FlowChanges, TypeOrmModule],
})
export class FlowsModule {}
