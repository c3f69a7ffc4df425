import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TeamEvent } from '@hookflow/shared';
import type { Response } from 'express';
import { IdParam } from '../common/id-param.js';
import { openEventStream } from '../common/server-sent-events.js';
import { ExecutionEventBus } from '../executions/execution-events.js';
import { TeamRoute } from '../teams/team-access.js';

@ApiTags('live')
@Controller('api/teams/:teamId/events')
export class TeamEventsController {
  constructor(@Inject(ExecutionEventBus) private readonly events: ExecutionEventBus) {}

  /**
   * The team's live events as Server-Sent Events (`event: execution.created`,
   * `execution.finished`, `flow.changed`) until the client goes away.
   */
  @TeamRoute('viewer')
  @Get()
  stream(@IdParam('teamId', 'Team') teamId: string, @Res() response: Response): void {
    let unsubscribe = () => undefined as void;
    const stream = openEventStream<TeamEvent>(response, () => unsubscribe());
    unsubscribe = this.events.watchTeam(teamId, (event) => stream.send(event));
    // The first bytes tell the client the stream is open (EventSource's `open`).
    response.write(': connected\n\n');
  }
}
