import { Controller, Delete, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  loginBodySchema,
  signupBodySchema,
  type AuthResponse,
  type LoginBody,
  type MeResponse,
  type SessionCookieStatus,
  type SignupBody,
} from '@hookflow/shared';
import type { Request, Response } from 'express';
import { IdParam } from '../common/id-param.js';
import { JsonBody, ValidBody } from '../common/validated-body.js';
import { ApiKeysService } from './api-keys.service.js';
import { createApiKeyBodySchema, type CreateApiKeyBody } from './auth.dto.js';
import { AuthService, type SignedIn } from './auth.service.js';
import { CurrentUser, type AuthenticatedRequest, type AuthUser } from './current-user.decorator.js';
import { Public } from './public.decorator.js';
import { SessionCookieService } from './session-cookie.service.js';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
    @Inject(SessionCookieService) private readonly cookies: SessionCookieService,
  ) {}

  @Public()
  @Post('auth/signup')
  @JsonBody(signupBodySchema)
  async signup(
    @ValidBody() body: SignupBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.handOut(await this.auth.signup(body), body.session, request, response);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @JsonBody(loginBodySchema)
  async login(
    @ValidBody() body: LoginBody,
    @Ip() ip: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.handOut(await this.auth.login(body, ip), body.session, request, response);
  }

  /** Ends the browser session on this device. Public: an expired session can still log out. */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    await this.auth.logOut(this.cookies.read(request));
    this.cookies.clear(request, response);
  }

  /**
   * Public and always 200: whether the request carries a session cookie (valid or not; /api/me
   * decides that). Lets the editor skip /api/me, and its 401, for visitors who never logged in.
   */
  @Public()
  @Get('auth/session')
  sessionStatus(@Req() request: Request): SessionCookieStatus {
    return { hasSessionCookie: this.cookies.read(request) !== undefined };
  }

  /** Ends every session of the caller (browsers and bearer log-in tokens); API keys stay. */
  @ApiBearerAuth()
  @Post('auth/logout-everywhere')
  @HttpCode(204)
  async logoutEverywhere(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.auth.logOutEverywhere(user.id);
    this.cookies.clear(request, response);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(
    @CurrentUser() user: AuthUser,
    @Req() request: AuthenticatedRequest,
  ): Promise<MeResponse> {
    const session = request.session;
    const me = await this.auth.me(user);
    // The editor keeps the CSRF token in memory only, so it asks again after a page load.
    return session?.viaCookie
      ? { ...me, csrfToken: this.cookies.csrfTokenFor(session.sessionId) }
      : me;
  }

  @ApiBearerAuth()
  @Get('me/api-keys')
  listApiKeys(@CurrentUser() user: AuthUser) {
    return this.apiKeys.list(user.id);
  }

  @ApiBearerAuth()
  @Post('me/api-keys')
  @JsonBody(createApiKeyBodySchema)
  createApiKey(@CurrentUser() user: AuthUser, @ValidBody() body: CreateApiKeyBody) {
    return this.apiKeys.create(user.id, body.name);
  }

  @ApiBearerAuth()
  @Delete('me/api-keys/:keyId')
  @HttpCode(204)
  revokeApiKey(@CurrentUser() user: AuthUser, @IdParam('keyId', 'API key') keyId: string) {
    return this.apiKeys.revoke(user.id, keyId);
  }

  /**
   * Browsers get the token only as an HttpOnly cookie (and a CSRF token for writes); scripts that
   * ask for `session: "bearer"` get it in the body and no cookie.
   */
  private handOut(
    { session, user, team }: SignedIn,
    mode: 'cookie' | 'bearer',
    request: Request,
    response: Response,
  ): AuthResponse {
    if (mode === 'bearer')
      return { token: session.token, expiresAt: toIso(session.expiresAt), user, team };
    this.cookies.set(request, response, session.token, session.expiresAt);
    return {
      csrfToken: this.cookies.csrfTokenFor(session.sessionId),
      expiresAt: toIso(session.expiresAt),
      user,
      team,
    };
  }
}

const toIso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
