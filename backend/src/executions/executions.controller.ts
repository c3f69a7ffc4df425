import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  listExecutionsQuerySchema,
  retryExecutionBodySchema,
  type RetryExecutionBody,
} from '@hookflow/shared';
import type { Response } from 'express';
import { IdParam } from '../common/id-param.js';
import { JsonBody, parseOrBadRequest, ValidBody } from '../common/validated-body.js';
import { TeamRoute, type TeamRequest } from '../teams/team-access.js';
import { TeamStreamAccess } from '../teams/team-stream-access.js';
import { ExecutionEventBus } from './execution-events.js';
import { streamExecution } from './execution-stream.js';
import { ExecutionsService } from './executions.service.js';

@ApiTags('executions')
@Controller('api/teams/:teamId/executions')
export class ExecutionsController {
  constructor(
    @Inject(ExecutionsService) private readonly executions: ExecutionsService,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
    @Inject(TeamStreamAccess) private readonly access: TeamStreamAccess,
  ) {}

  @TeamRoute('viewer')
  @Get()
  @ApiQuery({ name: 'flowId', required: false })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(@IdParam('teamId', 'Team') teamId: string, @Query() query: Record<string, string>) {
    return this.executions.list(teamId, parseOrBadRequest(listExecutionsQuerySchema, query));
  }

  @TeamRoute('viewer')
  @Get(':executionId')
  get(@IdParam('teamId', 'Team') teamId: string, @IdParam('executionId', 'Execution') id: string) {
    return this.executions.get(teamId, id);
  }

  @TeamRoute('editor')
  @Post(':executionId/retry')
  @HttpCode(202)
  @JsonBody(retryExecutionBodySchema)
  retry(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('executionId', 'Execution') id: string,
    @ValidBody() body: RetryExecutionBody,
  ) {
    return this.executions.retry(teamId, id, body.from);
  }

  @TeamRoute('editor')
  @Post(':executionId/cancel')
  @HttpCode(200)
  cancel(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('executionId', 'Execution') id: string,
  ) {
    return this.executions.cancel(teamId, id);
  }

  /**
   * Live progress as Server-Sent Events (`event: step` / `event: execution`), until the run
   * finishes or the caller loses access to the team (see TeamStreamAccess).
   */
  @TeamRoute('viewer')
  @Get(':executionId/events')
  async stream(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('executionId', 'Execution') id: string,
    @Req() request: TeamRequest,
    @Res() response: Response,
  ) {
    await this.executions.find(teamId, id);
    const stream = streamExecution(
      response,
      () => this.executions.get(teamId, id),
      (onChange) => this.events.watch(id, onChange),
    );
    this.access.hold(request, teamId, response, stream.close);
  }
}
