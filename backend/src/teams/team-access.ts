import {
  applyDecorators,
  CanActivate,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  SetMetadata,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiParam } from '@nestjs/swagger';
import type { TeamRole } from '@hookflow/shared';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../auth/current-user.decorator.js';
import { isUuid } from '../common/id-param.js';
import { TeamsService } from './teams.service.js';

const MIN_ROLE = Symbol('hookflow:min-role');
const RANK: Record<TeamRole, number> = { viewer: 0, editor: 1, owner: 2 };

export interface TeamRequest extends AuthenticatedRequest {
  membership?: { teamId: string; role: TeamRole };
}

/**
 * The one place team-scoped routes check membership and role. A team the caller is not in
 * answers 404 exactly like a team that does not exist, so ids of other teams reveal nothing.
 */
@Injectable()
export class TeamAccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TeamsService) private readonly teams: TeamsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & TeamRequest>();
    const teamId = String(request.params.teamId ?? '');
    const role =
      request.user && isUuid(teamId) ? await this.teams.roleOf(teamId, request.user.id) : undefined;
    if (!role) throw new NotFoundException('Team not found');
    const needed = this.reflector.get<TeamRole>(MIN_ROLE, context.getHandler());
    if (RANK[role] < RANK[needed]) {
      throw new ForbiddenException(
        `This needs the ${needed} role in this team; you are ${role === 'owner' ? 'an' : 'a'} ${role}`,
      );
    }
    request.membership = { teamId, role };
    return true;
  }
}

/** Marks a route under /api/teams/:teamId as needing at least `role` in that team. */
export const TeamRoute = (role: TeamRole) =>
  applyDecorators(
    SetMetadata(MIN_ROLE, role),
    UseGuards(TeamAccessGuard),
    ApiBearerAuth(),
    ApiParam({ name: 'teamId', format: 'uuid' }),
  );
