import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stuck-run sweeper pages through unfinished runs by id every half minute; a partial index
 * keeps that to the few unfinished rows however long the execution history grows.
 */
export class UnfinishedExecutions1764440000000 implements MigrationInterface {
  name = 'UnfinishedExecutions1764440000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX executions_unfinished ON hookflow.executions (id)
        WHERE status IN ('queued', 'running', 'waiting');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX hookflow.executions_unfinished;`);
  }
}
