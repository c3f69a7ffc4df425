import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ExpressionPool } from './expression-pool.js';

@Global()
@Module({
  providers: [
    {
      provide: ExpressionPool,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ExpressionPool(config.expressions),
    },
  ],
  exports: [ExpressionPool],
})
export class ExpressionsModule implements OnApplicationShutdown {
  constructor(@Inject(ExpressionPool) private readonly pool: ExpressionPool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
