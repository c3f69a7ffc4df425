import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { TeamAccessGuard } from './team-access.js';
import { TeamEntity } from './team.entity.js';
import { TeamsController } from './teams.controller.js';
import { TeamsService } from './teams.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([TeamEntity, MembershipEntity, UserEntity])],
  controllers: [TeamsController],
  providers: [TeamsService, TeamAccessGuard],
  exports: [TeamsService, TeamAccessGuard],
})
export class TeamsModule {}
