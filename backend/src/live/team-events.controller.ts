import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TeamEvent } from '@hookflow/shared';
import type { Response } from 'express';
import { IdParam } from '../common/id-param.js';
import { openEventStream } from '../common/server-sent-events.js';
import { ExecutionEventBus } from '../executions/execution-events.js';
import { TeamRoute, type TeamRequest } from '../teams/team-access.js';
import { TeamStreamAccess } from '../teams/team-stream-access.js';

@ApiTags('live')
@Controller('api/teams/:teamId/events')
export class TeamEventsController {
  constructor(
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
    @Inject(TeamStreamAccess) private readonly access: TeamStreamAccess,
  ) {}

  /**
   * The team's live events as Server-Sent Events (`event: execution.created`,
   * `execution.finished`, `flow.changed`) until the client goes away or the caller loses access
   * to the team (see TeamStreamAccess).
   */
  @TeamRoute('viewer')
  @Get()
  stream(
    @IdParam('teamId', 'Team') teamId: string,
    @Req() request: TeamRequest,
    @Res() response: Response,
  ): void {
    let unsubscribe = () => undefined as void;
    const stream = openEventStream<TeamEvent>(response, () => unsubscribe());
    unsubscribe = this.events.watchTeam(teamId, (event) => stream.send(event));
    this.access.hold(request, teamId, response, stream.close);
    // The first bytes tell the client the stream is open (EventSource's `open`).
    response.write(': connected\n\n');
  }
}
