import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Why didn't it run?": trigger keys a flow gave up (regenerated, or the flow deleted) and the
 * requests that still reach them, per team, bounded and short-lived (pruned as rows are added).
 * Flow ids are kept without a foreign key: a deleted flow's old key is still the team's.
 */
export class RetiredTriggerKeys1764760000001 implements MigrationInterface {
  name = 'RetiredTriggerKeys1764760000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hookflow.retired_trigger_keys (
        key text PRIMARY KEY,
        team_id uuid NOT NULL REFERENCES hookflow.teams(id) ON DELETE CASCADE,
        flow_id uuid NOT NULL,
        flow_name text NOT NULL,
        cause text NOT NULL,
        retired_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX retired_trigger_keys_team ON hookflow.retired_trigger_keys (team_id, retired_at DESC);
      CREATE TABLE hookflow.retired_key_requests (
        id uuid PRIMARY KEY,
        team_id uuid NOT NULL REFERENCES hookflow.teams(id) ON DELETE CASCADE,
        key text NOT NULL REFERENCES hookflow.retired_trigger_keys(key) ON DELETE CASCADE,
        mode text NOT NULL,
        method text NOT NULL,
        headers jsonb NOT NULL,
        content_type text,
        size_bytes integer,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX retired_key_requests_team ON hookflow.retired_key_requests (team_id, received_at DESC);
      CREATE INDEX retired_key_requests_key ON hookflow.retired_key_requests (key, received_at DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE hookflow.retired_key_requests;
      DROP TABLE hookflow.retired_trigger_keys;
    `);
  }
}
