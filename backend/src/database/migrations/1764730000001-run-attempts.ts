import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A retried run keeps its history: each earlier attempt is a `run_attempts` row (its status,
 * error, timings and a copy of its steps) written by the retry, never by the runner. The
 * execution row counts its attempts, says how the current one was started, and how many
 * earlier ones failed (so the "failed" filter needs no join).
 */
export class RunAttempts1764730000001 implements MigrationInterface {
  name = 'RunAttempts1764730000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hookflow.run_attempts (
        execution_id uuid NOT NULL REFERENCES hookflow.executions(id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        status text NOT NULL,
        error text,
        started_at timestamptz,
        finished_at timestamptz,
        started_from text,
        steps jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (execution_id, attempt)
      );
      ALTER TABLE hookflow.executions
        ADD COLUMN attempt integer NOT NULL DEFAULT 1,
        ADD COLUMN retried_from text,
        ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0;`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE hookflow.executions
        DROP COLUMN attempt, DROP COLUMN retried_from, DROP COLUMN failed_attempts;
      DROP TABLE hookflow.run_attempts;`);
  }
}
