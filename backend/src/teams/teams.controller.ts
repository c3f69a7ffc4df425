import { Controller, Delete, Get, HttpCode, Inject, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  addTeamMemberBodySchema,
  changeTeamMemberRoleBodySchema,
  createTeamBodySchema,
  type AddTeamMemberBody,
  type ChangeTeamMemberRoleBody,
  type CreateTeamBody,
} from '@hookflow/shared';
import { CurrentUser, type AuthUser } from '../auth/current-user.decorator.js';
import { IdParam } from '../common/id-param.js';
import { JsonBody, ValidBody } from '../common/validated-body.js';
import { TeamRoute, type TeamRequest } from './team-access.js';
import { TeamsService } from './teams.service.js';

@ApiTags('teams')
@Controller('api/teams')
export class TeamsController {
  constructor(@Inject(TeamsService) private readonly teams: TeamsService) {}

  @ApiBearerAuth()
  @Post()
  @JsonBody(createTeamBodySchema)
  create(@CurrentUser() user: AuthUser, @ValidBody() body: CreateTeamBody) {
    return this.teams.create(body.name, user.id);
  }

  @ApiBearerAuth()
  @Get()
  list(@CurrentUser() user: AuthUser) {
    return this.teams.listForUser(user.id);
  }

  @TeamRoute('viewer')
  @Get(':teamId/members')
  members(@IdParam('teamId', 'Team') teamId: string) {
    return this.teams.listMembers(teamId);
  }

  @TeamRoute('owner')
  @Post(':teamId/members')
  @JsonBody(addTeamMemberBodySchema)
  addMember(@IdParam('teamId', 'Team') teamId: string, @ValidBody() body: AddTeamMemberBody) {
    return this.teams.addMember(teamId, body.email, body.role);
  }

  @TeamRoute('owner')
  @Patch(':teamId/members/:userId')
  @JsonBody(changeTeamMemberRoleBodySchema)
  changeRole(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('userId', 'Member') userId: string,
    @ValidBody() body: ChangeTeamMemberRoleBody,
  ) {
    return this.teams.changeRole(teamId, userId, body.role);
  }

  @TeamRoute('viewer')
  @Delete(':teamId/members/:userId')
  @HttpCode(204)
  removeMember(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('userId', 'Member') userId: string,
    @CurrentUser() user: AuthUser,
    @Req() request: TeamRequest,
  ) {
    return this.teams.removeMember(teamId, userId, { id: user.id, role: request.membership!.role });
  }
}
