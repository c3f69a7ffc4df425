import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { CredentialsModule } from './credentials/credentials.module.js';
import { TeamsModule } from './teams/teams.module.js';
import { ExecutionsModule } from './executions/executions.module.js';
import { ExpressionsModule } from './expressions/expressions.module.js';
import { FlowsModule } from './flows/flows.module.js';
import { TemplatesModule } from './templates/templates.module.js';
import { TriggersModule } from './triggers/triggers.module.js';
import { PollingModule } from './polling/polling.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LiveModule } from './live/live.module.js';
import { QueueModule } from './queue/queue.module.js';
import type { QueueTarget } from './queue/queue-connection.js';

/** Where this process finds its database and queue (embedded mode learns them at boot). */
export interface RuntimeTargets {
  databaseUrl: string;
  queue: QueueTarget;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, targets: RuntimeTargets): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Asynchronous commit only where asked for, and only in worker processes: they hold no
        // caller waiting on a commit (see DatabaseTuning). Embedded mode runs the api in the
        // same process, so it stays synchronous there.
        DatabaseModule.forRoot(targets.databaseUrl, {
          asyncCommit:
            config.queue.asyncCommit &&
            config.role === 'worker' &&
            config.database.url !== undefined,
          poolSize: config.database.poolSize,
        }),
        QueueModule.forRoot(targets.queue),
        ExpressionsModule,
        HealthModule,
        AuthModule,
        TeamsModule,
        CatalogModule,
        CredentialsModule,
        FlowsModule,
        TemplatesModule,
        ExecutionsModule,
        TriggersModule,
        PollingModule,
        LiveModule,
      ],
    };
  }
}
