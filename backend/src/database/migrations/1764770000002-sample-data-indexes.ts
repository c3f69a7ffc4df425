import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data picker's newest draft test run and test request, found at once however many
 * production runs came since. Partial: production rows, the hot path's, are not in them.
 */
export class SampleDataIndexes1764770000002 implements MigrationInterface {
  name = 'SampleDataIndexes1764770000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX executions_draft_runs ON hookflow.executions (flow_id, created_at DESC)
        WHERE version IS NULL AND mode IN ('test', 'manual');
      CREATE INDEX deliveries_test_accepted ON hookflow.deliveries (flow_id, received_at DESC)
        WHERE mode = 'test' AND outcome = 'accepted';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX hookflow.executions_draft_runs;
      DROP INDEX hookflow.deliveries_test_accepted;
    `);
  }
}
