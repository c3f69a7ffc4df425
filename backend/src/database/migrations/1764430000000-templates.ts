import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Templates1764430000000 implements MigrationInterface {
  name = 'Templates1764430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hookflow.templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES hookflow.teams(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        document jsonb NOT NULL,
        created_by uuid REFERENCES hookflow.users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX templates_team ON hookflow.templates (team_id, created_at DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE hookflow.templates`);
  }
}
