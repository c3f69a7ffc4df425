import {
  CanActivate,
  Inject,
  Injectable,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';
import { API_KEY_PREFIX, ApiKeysService } from './api-keys.service.js';
import type { AuthenticatedRequest } from './current-user.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import { TokenService } from './token.service.js';
import { UserEntity } from './user.entity.js';

/** Every route needs a bearer token (log-in JWT or `hf_` API key) unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    )
      return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException(
        'Missing credentials: send Authorization: Bearer <token or API key>',
      );
    }
    const userId = token.startsWith(API_KEY_PREFIX)
      ? await this.apiKeys.userIdFor(token)
      : await this.tokens.verify(token);
    const user = userId ? await this.users.findOneBy({ id: userId }) : null;
    if (!user) throw new UnauthorizedException('Invalid, expired or revoked token');
    request.user = { id: user.id, email: user.email, name: user.name };
    return true;
  }
}
