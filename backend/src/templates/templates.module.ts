import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { FlowsModule } from '../flows/flows.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { TemplateEntity } from './template.entity.js';
import { TemplatesController } from './templates.controller.js';
import { TemplatesService } from './templates.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([TemplateEntity]),
    TeamsModule,
    CredentialsModule,
    FlowsModule,
  ],
  controllers: [TemplatesController],
  providers: [TemplatesService],
})
export class TemplatesModule {}
