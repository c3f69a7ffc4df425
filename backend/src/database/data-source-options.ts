import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';

/** Our tables live in their own schema so BullMQ's tables (same database) can never collide. */
export const APP_SCHEMA = 'hookflow';

export function dataSourceOptions(
  url: string,
  entities: DataSourceOptions['entities'],
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema: APP_SCHEMA,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: { max: 10 },
  };
}
