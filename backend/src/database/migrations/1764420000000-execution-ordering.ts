import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-flow concurrency and ordering keys: the evaluated ordering key of each run, and
 * the two lookups a worker makes under the flow's lock before starting a run. Both indexes are
 * partial so flows without limits, and finished runs, cost nothing.
 */
export class ExecutionOrdering1764420000000 implements MigrationInterface {
  name = 'ExecutionOrdering1764420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE hookflow.executions ADD COLUMN ordering_key text;
      CREATE INDEX executions_ordering ON hookflow.executions (flow_id, ordering_key, created_at, id)
        WHERE ordering_key IS NOT NULL AND status IN ('queued', 'running', 'waiting');
      CREATE INDEX executions_running ON hookflow.executions (flow_id) WHERE status = 'running';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX hookflow.executions_running;
      DROP INDEX hookflow.executions_ordering;
      ALTER TABLE hookflow.executions DROP COLUMN ordering_key;
    `);
  }
}
