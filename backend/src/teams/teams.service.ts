import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Team, TeamMember, TeamMembership, TeamRole } from '@hookflow/shared';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { TeamEntity } from './team.entity.js';

@Injectable()
export class TeamsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
  ) {}

  async createWithOwner(manager: EntityManager, name: string, ownerId: string): Promise<Team> {
    const team = await manager.save(manager.create(TeamEntity, { name }));
    await manager.insert(MembershipEntity, { teamId: team.id, userId: ownerId, role: 'owner' });
    return { id: team.id, name: team.name };
  }

  create(name: string, ownerId: string): Promise<TeamMembership> {
    return this.dataSource.transaction(async (manager) => ({
      ...(await this.createWithOwner(manager, name, ownerId)),
      role: 'owner' as const,
    }));
  }

  async roleOf(teamId: string, userId: string): Promise<TeamRole | undefined> {
    return (await this.memberships.findOneBy({ teamId, userId }))?.role;
  }

  async listForUser(userId: string): Promise<TeamMembership[]> {
    const rows = await this.memberships
      .createQueryBuilder('m')
      .innerJoin(TeamEntity, 't', 't.id = m.team_id')
      .select(['t.id AS id', 't.name AS name', 'm.role AS role'])
      .where('m.user_id = :userId', { userId })
      .orderBy('t.created_at', 'ASC')
      .getRawMany<TeamMembership>();
    return rows;
  }

  async listMembers(teamId: string): Promise<TeamMember[]> {
    return this.memberships
      .createQueryBuilder('m')
      .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
      .select(['u.id AS "userId"', 'u.email AS email', 'u.name AS name', 'm.role AS role'])
      .where('m.team_id = :teamId', { teamId })
      .orderBy('m.created_at', 'ASC')
      .getRawMany<TeamMember>();
  }

  async addMember(teamId: string, email: string, role: TeamRole): Promise<TeamMember> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOneBy({ email: email.toLowerCase() });
    if (!user)
      throw new NotFoundException(
        `field "email": no Hookflow account uses ${email}; ask them to sign up first`,
      );
    if (await this.memberships.existsBy({ teamId, userId: user.id })) {
      throw new ConflictException(`field "email": ${email} is already a member of this team`);
    }
    await this.memberships.insert({ teamId, userId: user.id, role });
    return { userId: user.id, email: user.email, name: user.name, role };
  }

  /** Role changes and removals keep at least one owner, checked under a lock on the team's rows. */
  async changeRole(teamId: string, userId: string, role: TeamRole): Promise<TeamMember> {
    return this.dataSource.transaction(async (manager) => {
      const member = await this.lockedMember(manager, teamId, userId);
      if (member.role === 'owner' && role !== 'owner')
        await this.assertAnotherOwner(manager, teamId, userId);
      await manager.update(MembershipEntity, { teamId, userId }, { role });
      return this.describe(manager, { ...member, role });
    });
  }

  /** Owners remove anyone; everybody else may only leave. */
  async removeMember(
    teamId: string,
    userId: string,
    caller: { id: string; role: TeamRole },
  ): Promise<void> {
    if (caller.role !== 'owner' && caller.id !== userId) {
      throw new ForbiddenException(
        `Removing other members needs the owner role in this team; you are a ${caller.role}`,
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const member = await this.lockedMember(manager, teamId, userId);
      if (member.role === 'owner') await this.assertAnotherOwner(manager, teamId, userId);
      await manager.delete(MembershipEntity, { teamId, userId });
    });
  }

  private async lockedMember(
    manager: EntityManager,
    teamId: string,
    userId: string,
  ): Promise<MembershipEntity> {
    const rows = await manager.find(MembershipEntity, {
      where: { teamId },
      lock: { mode: 'pessimistic_write' },
    });
    const member = rows.find((row) => row.userId === userId);
    if (!member) throw new NotFoundException('Member not found');
    return member;
  }

  private async assertAnotherOwner(
    manager: EntityManager,
    teamId: string,
    userId: string,
  ): Promise<void> {
    const owners = await manager.countBy(MembershipEntity, { teamId, role: 'owner' });
    if (owners <= 1) {
      throw new ConflictException(
        `The last owner cannot leave or stop being owner; make someone else owner first (user ${userId})`,
      );
    }
  }

  private async describe(manager: EntityManager, member: MembershipEntity): Promise<TeamMember> {
    const user = await manager.findOneByOrFail(UserEntity, { id: member.userId });
    return { userId: user.id, email: user.email, name: user.name, role: member.role };
  }
}
