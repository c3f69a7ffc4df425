import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A replayed delivery's run says so, and whether a rejected request was replayed anyway. */
export class ExecutionReplay1764450000000 implements MigrationInterface {
  name = 'ExecutionReplay1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE hookflow.executions ADD COLUMN replay jsonb;`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE hookflow.executions DROP COLUMN replay;`);
  }
}
