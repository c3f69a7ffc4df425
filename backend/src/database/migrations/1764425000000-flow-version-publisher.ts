import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who published each flow version, for the version history. Older versions stay unattributed. */
export class FlowVersionPublisher1764425000000 implements MigrationInterface {
  name = 'FlowVersionPublisher1764425000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE hookflow.flow_versions
        ADD COLUMN published_by uuid REFERENCES hookflow.users(id) ON DELETE SET NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE hookflow.flow_versions DROP COLUMN published_by;`);
  }
}
