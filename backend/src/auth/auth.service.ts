import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LoginBody, MeResponse, SignupBody, Team, User } from '@hookflow/shared';
import { DataSource, Repository } from 'typeorm';
import { TeamStreamAccess } from '../teams/team-stream-access.js';
import { TeamsService } from '../teams/teams.service.js';
import type { AuthUser } from './current-user.decorator.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { DECOY_HASH, passwordHasher } from './password-hasher.js';
import { TokenService, type IssuedToken } from './token.service.js';
import { UserEntity } from './user.entity.js';

const toUser = ({ id, email, name, createdAt }: UserEntity): User => ({
  id,
  email,
  name,
  createdAt: createdAt.toISOString(),
});

/** A new session: the controller hands its token out as a cookie or in the body. */
export interface SignedIn {
  session: IssuedToken;
  user: User;
  team?: Team;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(TeamsService) private readonly teams: TeamsService,
    @Inject(LoginThrottleService) private readonly throttle: LoginThrottleService,
    @Inject(TeamStreamAccess) private readonly streams: TeamStreamAccess,
  ) {}

  /** Creates the account and its personal team together: neither exists without the other. */
  async signup(body: SignupBody): Promise<SignedIn> {
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
    return {
      session: await this.tokens.issue(user.id, user.tokenVersion),
      user: toUser(user),
      team,
    };
  }

  async login(body: LoginBody, ip: string): Promise<SignedIn> {
    const email = body.email.toLowerCase();
    await this.throttle.takeAttempt(email, ip);
    const user = await this.users.findOneBy({ email });
    const valid = await passwordHasher.verify(user?.passwordHash ?? DECOY_HASH, body.password);
    if (!user || !valid) throw new UnauthorizedException('Wrong e-mail or password');
    await this.throttle.recordSuccess(email, ip);
    return { session: await this.tokens.issue(user.id, user.tokenVersion), user: toUser(user) };
  }

  /**
   * Log out on this device: the cookie is cleared by the caller; the session's open streams in
   * this process end now (the token itself stays valid until it expires: sessions are stateless).
   */
  async logOut(token: string | undefined): Promise<void> {
    const session = token ? await this.tokens.verify(token) : undefined;
    if (session) this.streams.endSession(session.sessionId);
  }

  /** Ends every session of the user, on every device: their tokens name the old version. */
  async logOutEverywhere(userId: string): Promise<void> {
    await this.users.increment({ id: userId }, 'tokenVersion', 1);
    // Streams in other processes end at their next access check.
    this.streams.endSessionsOf(userId);
  }

  async me(caller: AuthUser): Promise<MeResponse> {
    const user = await this.users.findOneByOrFail({ id: caller.id });
    return { user: toUser(user), teams: await this.teams.listForUser(caller.id) };
  }
}
