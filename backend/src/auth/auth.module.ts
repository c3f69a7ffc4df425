import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TeamsModule } from '../teams/teams.module.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { SessionCookieService } from './session-cookie.service.js';
import { TokenService } from './token.service.js';
import { UserEntity } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, ApiKeyEntity]), TeamsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    ApiKeysService,
    TokenService,
    LoginThrottleService,
    SessionCookieService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
