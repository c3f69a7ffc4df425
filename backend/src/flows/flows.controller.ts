import { Controller, Delete, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  createFlowBodySchema,
  updateFlowBodySchema,
  type CreateFlowBody,
  type UpdateFlowBody,
} from '@hookflow/shared';
import { CurrentUser, type AuthUser } from '../auth/current-user.decorator.js';
import { IdParam, VersionParam } from '../common/id-param.js';
import { JsonBody, ValidBody } from '../common/validated-body.js';
import { TeamRoute } from '../teams/team-access.js';
import { FlowsService } from './flows.service.js';

@ApiTags('flows')
@Controller('api/teams/:teamId/flows')
export class FlowsController {
  constructor(@Inject(FlowsService) private readonly flows: FlowsService) {}

  @TeamRoute('viewer')
  @Get()
  list(@IdParam('teamId', 'Team') teamId: string) {
    return this.flows.list(teamId);
  }

  @TeamRoute('editor')
  @Post()
  @JsonBody(createFlowBodySchema)
  create(@IdParam('teamId', 'Team') teamId: string, @ValidBody() body: CreateFlowBody) {
    return this.flows.create(teamId, body);
  }

  @TeamRoute('viewer')
  @Get(':flowId')
  get(@IdParam('teamId', 'Team') teamId: string, @IdParam('flowId', 'Flow') id: string) {
    return this.flows.get(teamId, id);
  }

  /** The next five times the draft's schedule trigger fires (400 naming cron or timezone if invalid). */
  @TeamRoute('viewer')
  @Get(':flowId/next-runs')
  nextRuns(@IdParam('teamId', 'Team') teamId: string, @IdParam('flowId', 'Flow') id: string) {
    return this.flows.nextRuns(teamId, id);
  }

  @TeamRoute('editor')
  @Patch(':flowId')
  @JsonBody(updateFlowBodySchema)
  update(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') id: string,
    @ValidBody() body: UpdateFlowBody,
  ) {
    return this.flows.update(teamId, id, body);
  }

  @TeamRoute('editor')
  @Delete(':flowId')
  @HttpCode(204)
  remove(@IdParam('teamId', 'Team') teamId: string, @IdParam('flowId', 'Flow') id: string) {
    return this.flows.remove(teamId, id);
  }

  @TeamRoute('editor')
  @Post(':flowId/publish')
  @HttpCode(200)
  publish(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') id: string,
    @CurrentUser() user: AuthUser,
  ) {
    return this.flows.publish(teamId, id, user.id);
  }

  /** Every published version, newest first. */
  @TeamRoute('viewer')
  @Get(':flowId/versions')
  versions(@IdParam('teamId', 'Team') teamId: string, @IdParam('flowId', 'Flow') id: string) {
    return this.flows.listVersions(teamId, id);
  }

  /** One published version's immutable definition, secrets masked. */
  @TeamRoute('viewer')
  @Get(':flowId/versions/:version')
  @ApiParam({ name: 'version', type: 'integer', description: 'A published version number, from 1' })
  version(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') id: string,
    @VersionParam('version') version: number,
  ) {
    return this.flows.getVersion(teamId, id, version);
  }

  @TeamRoute('editor')
  @Post(':flowId/disable')
  @HttpCode(200)
  disable(@IdParam('teamId', 'Team') teamId: string, @IdParam('flowId', 'Flow') id: string) {
    return this.flows.setEnabled(teamId, id, false);
  }

  @TeamRoute('editor')
  @Post(':flowId/enable')
  @HttpCode(200)
  enable(@IdParam('teamId', 'Team') teamId: string, @IdParam('flowId', 'Flow') id: string) {
    return this.flows.setEnabled(teamId, id, true);
  }

  @TeamRoute('editor')
  @Post(':flowId/duplicate')
  duplicate(@IdParam('teamId', 'Team') teamId: string, @IdParam('flowId', 'Flow') id: string) {
    return this.flows.duplicate(teamId, id);
  }

  @TeamRoute('editor')
  @Post(':flowId/regenerate-trigger-key')
  @HttpCode(200)
  regenerateTriggerKey(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') id: string,
  ) {
    return this.flows.regenerateTriggerKey(teamId, id);
  }
}
