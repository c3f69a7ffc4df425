import {
  CanActivate,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { Repository } from 'typeorm';
import { API_KEY_PREFIX, ApiKeysService } from './api-keys.service.js';
import type { AuthenticatedRequest } from './current-user.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import { SessionCookieService } from './session-cookie.service.js';
import { TokenService, type SessionClaims } from './token.service.js';
import { UserEntity } from './user.entity.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// A browser session's cookie is renewed (sliding expiry) at most this often.
const RENEW_AFTER_SECONDS = 5 * 60;

/**
 * Every route needs credentials unless marked @Public(): `Authorization: Bearer` with an `hf_` API
 * key or a log-in JWT (scripts), or the browser's session cookie (writes then need the CSRF
 * header). Log-in tokens are checked against the user's token version on every request, so
 * "log out everywhere" takes effect at once: the user row is read here anyway.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(SessionCookieService) private readonly cookies: SessionCookieService,
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
    const http = context.switchToHttp();
    const request = http.getRequest<Request & AuthenticatedRequest>();
    const [scheme, bearer] = (request.headers.authorization ?? '').split(' ');
    const fromCookie = request.headers.authorization ? undefined : this.cookies.read(request);
    if (!fromCookie && (scheme?.toLowerCase() !== 'bearer' || !bearer)) {
      throw new UnauthorizedException(
        'Missing credentials: log in, or send Authorization: Bearer <token or API key>',
      );
    }
    let session: SessionClaims | undefined;
    let userId: string | undefined;
    let apiKeyId: string | undefined;
    if (bearer?.startsWith(API_KEY_PREFIX) && !fromCookie) {
      ({ userId, keyId: apiKeyId } = (await this.apiKeys.find(bearer)) ?? {});
    } else {
      session = await this.tokens.verify(fromCookie ?? bearer);
      userId = session?.userId;
    }
    if (
      session &&
      fromCookie &&
      !SAFE_METHODS.has(request.method) &&
      !this.cookies.csrfMatches(session.sessionId, request)
    ) {
      throw new ForbiddenException(
        'Missing or wrong X-CSRF-Token header: writes made with the session cookie must send it',
      );
    }
    const user = userId ? await this.users.findOneBy({ id: userId }) : null;
    if (!user || (session && session.version !== user.tokenVersion))
      throw new UnauthorizedException('Invalid, expired or revoked token');
    request.user = { id: user.id, email: user.email, name: user.name };
    request.apiKeyId = apiKeyId;
    if (session) {
      request.session = { ...session, viaCookie: Boolean(fromCookie) };
      if (fromCookie) await this.renew(session, request, http.getResponse<Response>());
    }
    return true;
  }

  /** Sliding expiry: an active browser session keeps being pushed SESSION_HOURS ahead. */
  private async renew(session: SessionClaims, request: Request, response: Response) {
    if (Date.now() / 1000 - session.issuedAt < RENEW_AFTER_SECONDS) return;
    const renewed = await this.tokens.issue(session.userId, session.version, session);
    this.cookies.set(request, response, renewed.token, renewed.expiresAt);
  }
}
