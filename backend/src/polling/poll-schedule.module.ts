import { Module } from '@nestjs/common';
import { PollScheduler } from './poll-scheduler.service.js';

/** The poll schedules alone, for the flows module (which publishes) without the poller itself. */
@Module({ providers: [PollScheduler], exports: [PollScheduler] })
export class PollScheduleModule {}
