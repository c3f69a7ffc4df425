import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';

/** Our tables live in their own schema so BullMQ's tables (same database) can never collide. */
export const APP_SCHEMA = 'hookflow';

export interface DatabaseTuning {
  /**
   * Commit without waiting for the WAL flush (`synchronous_commit = off`). Worker processes use
   * it for step progress: a database crash can lose the last fraction of a second of it, and
   * those steps run again (steps are at-least-once and carry an Idempotency-Key). A run's final
   * status still commits synchronously, which flushes everything written before it.
   */
  asyncCommit?: boolean;
}

export function dataSourceOptions(
  url: string,
  entities: DataSourceOptions['entities'],
  tuning: DatabaseTuning = {},
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
    extra: { max: 10, ...(tuning.asyncCommit ? { options: '-c synchronous_commit=off' } : {}) },
  };
}
