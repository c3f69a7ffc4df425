import { Controller, Delete, Get, HttpCode, Inject, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  loginBodySchema,
  signupBodySchema,
  type LoginBody,
  type SignupBody,
} from '@hookflow/shared';
import { IdParam } from '../common/id-param.js';
import { JsonBody, ValidBody } from '../common/validated-body.js';
import { ApiKeysService } from './api-keys.service.js';
import { createApiKeyBodySchema, type CreateApiKeyBody } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, type AuthUser } from './current-user.decorator.js';
import { Public } from './public.decorator.js';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
  ) {}

  @Public()
  @Post('auth/signup')
  @JsonBody(signupBodySchema)
  signup(@ValidBody() body: SignupBody) {
    return this.auth.signup(body);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @JsonBody(loginBodySchema)
  login(@ValidBody() body: LoginBody, @Ip() ip: string) {
    return this.auth.login(body, ip);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
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
}
