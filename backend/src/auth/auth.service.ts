import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuthResponse, LoginBody, MeResponse, SignupBody, User } from '@hookflow/shared';
import { DataSource, Repository } from 'typeorm';
import { TeamsService } from '../teams/teams.service.js';
import type { AuthUser } from './current-user.decorator.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { DECOY_HASH, passwordHasher } from './password-hasher.js';
import { TokenService } from './token.service.js';
import { UserEntity } from './user.entity.js';

const toUser = ({ id, email, name, createdAt }: UserEntity): User => ({
  id,
  email,
  name,
  createdAt: createdAt.toISOString(),
});

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(TeamsService) private readonly teams: TeamsService,
    @Inject(LoginThrottleService) private readonly throttle: LoginThrottleService,
  ) {}

  /** Creates the account and its personal team together: neither exists without the other. */
  async signup(body: SignupBody): Promise<AuthResponse> {
    const email = body.email.toLowerCase();
    const passwordHash = await passwordHasher.hash(body.password);
    const { user, team } = await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(UserEntity, { email })) {
        throw new ConflictException('field "email": an account with this e-mail already exists');
      }
      const user = await manager.save(
        manager.create(UserEntity, { email, name: body.name, passwordHash }),
      );
      const team = await this.teams.createWithOwner(manager, `${body.name}'s team`, user.id);
      return { user, team };
    });
    return { token: await this.tokens.issue(user.id), user: toUser(user), team };
  }

  async login(body: LoginBody, ip: string): Promise<AuthResponse> {
    const email = body.email.toLowerCase();
    await this.throttle.assertAllowed(email, ip);
    const user = await this.users.findOneBy({ email });
    const valid = await passwordHasher.verify(user?.passwordHash ?? DECOY_HASH, body.password);
    if (!user || !valid) {
      await this.throttle.recordFailure(email, ip);
      throw new UnauthorizedException('Wrong e-mail or password');
    }
    await this.throttle.recordSuccess(email);
    return { token: await this.tokens.issue(user.id), user: toUser(user) };
  }

  async me(caller: AuthUser): Promise<MeResponse> {
    const user = await this.users.findOneByOrFail({ id: caller.id });
    return { user: toUser(user), teams: await this.teams.listForUser(caller.id) };
  }
}
