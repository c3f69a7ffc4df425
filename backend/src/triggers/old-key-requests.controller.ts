import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { FlowsService } from '../flows/flows.service.js';
import { TeamRoute } from '../teams/team-access.js';
import { OldKeyRequestLog } from './old-key-requests.js';

/** Requests that reached trigger URLs the team's flows gave up (answered 404, started nothing). */
@ApiTags('deliveries')
@Controller('api/teams/:teamId')
export class OldKeyRequestsController {
  constructor(
    @Inject(OldKeyRequestLog) private readonly log: OldKeyRequestLog,
    @Inject(FlowsService) private readonly flows: FlowsService,
  ) {}

  /** Of every retired key of the team, deleted flows' included. */
  @TeamRoute('viewer')
  @Get('old-key-requests')
  listForTeam(@IdParam('teamId', 'Team') teamId: string) {
    return this.log.list(teamId);
  }

  /** Of the keys this flow had before its current one. */
  @TeamRoute('viewer')
  @Get('flows/:flowId/old-key-requests')
  async listForFlow(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') flowId: string,
  ) {
    await this.flows.find(teamId, flowId);
    return this.log.list(teamId, flowId);
  }
}
