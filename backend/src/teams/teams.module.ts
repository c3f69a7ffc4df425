import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { TeamAccessGuard } from './team-access.js';
import { TeamStreamAccess } from './team-stream-access.js';
import { TeamEntity } from './team.entity.js';
import { TeamsController } from './teams.controller.js';
import { TeamsService } from './teams.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([TeamEntity, MembershipEntity, UserEntity])],
  controllers: [TeamsController],
  providers: [TeamsService, TeamAccessGuard, TeamStreamAccess],
  exports: [TeamsService, TeamAccessGuard, TeamStreamAccess],
})
export class TeamsModule {}
