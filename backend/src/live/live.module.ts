import { Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { ExecutionEventBus } from '../executions/execution-events.js';
import { ExecutionsModule } from '../executions/executions.module.js';
import { FlowChanges } from '../flows/flow-changes.js';
import { FlowsModule } from '../flows/flows.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { TeamEventsController } from './team-events.controller.js';

/**
 * A team's live event stream: runs created and finished (announced where they are created and
 * on the final status signal) and flow changes, which this module relays from `FlowChanges`.
 */
@Module({
  imports: [ExecutionsModule, FlowsModule, TeamsModule],
  controllers: [TeamEventsController],
})
export class LiveModule implements OnModuleDestroy {
  private readonly unsubscribe: () => void;

  constructor(
    @Inject(FlowChanges) changes: FlowChanges,
    @Inject(ExecutionEventBus) events: ExecutionEventBus,
  ) {
    this.unsubscribe = changes.onChange(({ flowId, teamId, kind }) =>
      events.announce([{ teamId, event: { type: 'flow.changed', flowId, change: kind } }]),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}
