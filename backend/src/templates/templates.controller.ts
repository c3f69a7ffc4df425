import { Controller, Delete, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  createTemplateBodySchema,
  importFlowBodySchema,
  updateTemplateBodySchema,
  useTemplateBodySchema,
  type CreateTemplateBody,
  type UpdateTemplateBody,
} from '@hookflow/shared';
import type { z } from 'zod';
import { CurrentUser, type AuthUser } from '../auth/current-user.decorator.js';
import { IdParam } from '../common/id-param.js';
import { JsonBody, ValidBody } from '../common/validated-body.js';
import { TeamRoute } from '../teams/team-access.js';
import { TemplateIdParam } from './template-id-param.js';
import { TemplatesService } from './templates.service.js';

const templateIdDoc = ApiParam({
  name: 'templateId',
  description: 'A team template’s UUID, or `builtin-…` for a built-in template',
});

/**
 * The template library, and flow export/import (`…/flows/:flowId/export`, `…/flows/import`),
 * which produce and consume the same template documents.
 */
@ApiTags('templates')
@Controller('api/teams/:teamId')
export class TemplatesController {
  constructor(@Inject(TemplatesService) private readonly templates: TemplatesService) {}

  @TeamRoute('viewer')
  @Get('templates')
  list(@IdParam('teamId', 'Team') teamId: string) {
    return this.templates.list(teamId);
  }

  @TeamRoute('viewer')
  @Get('templates/:templateId')
  @templateIdDoc
  get(@IdParam('teamId', 'Team') teamId: string, @TemplateIdParam('templateId') id: string) {
    return this.templates.get(teamId, id);
  }

  /** `{flowId}` saves that flow's draft as a template; `{document}` imports a template file. */
  @TeamRoute('editor')
  @Post('templates')
  @JsonBody(createTemplateBodySchema)
  create(
    @IdParam('teamId', 'Team') teamId: string,
    @CurrentUser() user: AuthUser,
    @ValidBody() body: CreateTemplateBody,
  ) {
    return this.templates.create(teamId, user.id, body);
  }

  @TeamRoute('editor')
  @Patch('templates/:templateId')
  @templateIdDoc
  @JsonBody(updateTemplateBodySchema)
  update(
    @IdParam('teamId', 'Team') teamId: string,
    @TemplateIdParam('templateId') id: string,
    @ValidBody() body: UpdateTemplateBody,
  ) {
    return this.templates.update(teamId, id, body);
  }

  @TeamRoute('editor')
  @Delete('templates/:templateId')
  @HttpCode(204)
  @templateIdDoc
  remove(@IdParam('teamId', 'Team') teamId: string, @TemplateIdParam('templateId') id: string) {
    return this.templates.remove(teamId, id);
  }

  /** Creates a draft flow from the template with the team's credentials mapped onto it. */
  @TeamRoute('editor')
  @Post('templates/:templateId/use')
  @templateIdDoc
  @JsonBody(useTemplateBodySchema)
  use(
    @IdParam('teamId', 'Team') teamId: string,
    @TemplateIdParam('templateId') id: string,
    @ValidBody() body: z.output<typeof useTemplateBodySchema>,
  ) {
    return this.templates.use(teamId, id, body);
  }

  /** The flow's draft as a template document; 400 naming each node and field holding a secret. */
  @TeamRoute('viewer')
  @Get('flows/:flowId/export')
  export(@IdParam('teamId', 'Team') teamId: string, @IdParam('flowId', 'Flow') flowId: string) {
    return this.templates.exportFlow(teamId, flowId);
  }

  /** Creates a draft flow from a template document, e.g. a file exported elsewhere. */
  @TeamRoute('editor')
  @Post('flows/import')
  @JsonBody(importFlowBodySchema)
  import(
    @IdParam('teamId', 'Team') teamId: string,
    @ValidBody() body: z.output<typeof importFlowBodySchema>,
  ) {
    const { document, ...mapping } = body;
    return this.templates.importFlow(teamId, document, mapping);
  }
}
