import { Controller, Delete, Get, HttpCode, Inject, Patch, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  createCredentialBodySchema,
  deleteCredentialQuerySchema,
  updateCredentialBodySchema,
  type CreateCredentialBody,
  type UpdateCredentialBody,
} from '@hookflow/shared';
import { IdParam } from '../common/id-param.js';
import { JsonBody, parseOrBadRequest, ValidBody } from '../common/validated-body.js';
import { TeamRoute } from '../teams/team-access.js';
import { CredentialsService } from './credentials.service.js';

@ApiTags('credentials')
@Controller('api/teams/:teamId/credentials')
export class CredentialsController {
  constructor(@Inject(CredentialsService) private readonly credentials: CredentialsService) {}

  @TeamRoute('viewer')
  @Get()
  list(@IdParam('teamId', 'Team') teamId: string) {
    return this.credentials.list(teamId);
  }

  @TeamRoute('viewer')
  @Get(':credentialId')
  get(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('credentialId', 'Credential') id: string,
  ) {
    return this.credentials.get(teamId, id);
  }

  /** The flows whose draft or published version use it, to show before a delete. */
  @TeamRoute('viewer')
  @Get(':credentialId/usage')
  usage(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('credentialId', 'Credential') id: string,
  ) {
    return this.credentials.usage(teamId, id);
  }

  @TeamRoute('editor')
  @Post()
  @JsonBody(createCredentialBodySchema)
  create(@IdParam('teamId', 'Team') teamId: string, @ValidBody() body: CreateCredentialBody) {
    return this.credentials.create(teamId, body);
  }

  @TeamRoute('editor')
  @Patch(':credentialId')
  @JsonBody(updateCredentialBodySchema)
  update(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('credentialId', 'Credential') id: string,
    @ValidBody() body: UpdateCredentialBody,
  ) {
    return this.credentials.update(teamId, id, body);
  }

  @TeamRoute('editor')
  @Delete(':credentialId')
  @HttpCode(204)
  @ApiQuery({ name: 'force', required: false, enum: ['true', 'false'] })
  remove(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('credentialId', 'Credential') id: string,
    @Query() query: Record<string, string>,
  ) {
    const { force } = parseOrBadRequest(deleteCredentialQuerySchema, query);
    return this.credentials.remove(teamId, id, force);
  }
}
