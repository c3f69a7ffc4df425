import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { runFlowBodySchema, type RunFlowBody } from '@hookflow/shared';
import { IdParam } from '../common/id-param.js';
import { JsonBody, ValidBody } from '../common/validated-body.js';
import { TeamRoute } from '../teams/team-access.js';
import { ExecutionsService } from './executions.service.js';

/** Starting runs of a flow by hand; lives with executions, which depend on flows (not the reverse). */
@ApiTags('flows')
@Controller('api/teams/:teamId/flows')
export class FlowRunsController {
  constructor(@Inject(ExecutionsService) private readonly executions: ExecutionsService) {}

  @TeamRoute('editor')
  @Post(':flowId/run')
  @HttpCode(202)
  @JsonBody(runFlowBodySchema)
  run(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') id: string,
    @ValidBody() body: RunFlowBody,
  ) {
    return this.executions.runManually(teamId, id, body);
  }
}
