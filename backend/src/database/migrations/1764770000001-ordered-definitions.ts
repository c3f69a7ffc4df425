import type { MigrationInterface, QueryRunner } from 'typeorm';

// jsonb stores object keys sorted (shortest first), so a transform's fields, a JSON body or query
// parameters came back in another order than typed; json keeps the text as written.
const COLUMNS = [
  ['flows', 'definition'],
  ['flow_versions', 'definition'],
  ['templates', 'document'],
] as const;

/** Flow definitions and templates keep their key order as typed. */
export class OrderedDefinitions1764770000001 implements MigrationInterface {
  name = 'OrderedDefinitions1764770000001';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS)
      await db.query(
        `ALTER TABLE hookflow.${table} ALTER COLUMN ${column} TYPE json USING ${column}::json`,
      );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS)
      await db.query(
        `ALTER TABLE hookflow.${table} ALTER COLUMN ${column} TYPE jsonb USING ${column}::jsonb`,
      );
  }
}
