import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TeamsModule } from '../teams/teams.module.js';
import { CredentialEntity } from './credential.entity.js';
import { CredentialsController } from './credentials.controller.js';
import { CredentialsService } from './credentials.service.js';
import { CredentialUsageFinder } from './credential-usage.js';
import { SecretBox } from './secret-box.js';

@Module({
  imports: [TypeOrmModule.forFeature([CredentialEntity]), TeamsModule],
  controllers: [CredentialsController],
  providers: [CredentialsService, CredentialUsageFinder, SecretBox],
  exports: [CredentialsService, SecretBox],
})
export class CredentialsModule {}
