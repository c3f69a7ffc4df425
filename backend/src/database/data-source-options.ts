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

/**
 * A WHERE condition that makes its statement's own commit synchronous in a session that commits
 * asynchronously: `set_config(…, true)` lasts until the end of the statement's transaction, so
 * the commit waits for the WAL flush, which also persists everything written before it. One
 * round trip, where BEGIN / SET LOCAL / … / COMMIT would take four.
 */
export const DURABLE_COMMIT = `set_config('synchronous_commit', 'on', true) = 'on'`;

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
    // TypeORM's query-error log prints every parameter (trigger keys, bodies, password hashes);
    // failures reach the API's exception filter, which logs them without their data.
    logging: false,
    extra: { max: 10, ...(tuning.asyncCommit ? { options: '-c synchronous_commit=off' } : {}) },
  };
}
