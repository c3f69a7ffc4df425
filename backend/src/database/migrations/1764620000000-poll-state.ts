import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * trigger.poll: per flow, what the last polls saw, so a restart or another worker re-fires
 * nothing. `poll_state` says whether the baseline (the first poll) was taken for the request as
 * configured (`fingerprint`); `poll_seen_keys` holds the item keys, bounded by the poller, with
 * when each was last in an answer. A poll is also a delivery: `deliveries.poll` summarises it.
 */
export class PollState1764620000000 implements MigrationInterface {
  name = 'PollState1764620000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hookflow.poll_state (
        flow_id uuid PRIMARY KEY REFERENCES hookflow.flows(id) ON DELETE CASCADE,
        fingerprint text NOT NULL,
        baseline_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE hookflow.poll_seen_keys (
        flow_id uuid NOT NULL REFERENCES hookflow.flows(id) ON DELETE CASCADE,
        key text NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (flow_id, key)
      );
      CREATE INDEX poll_seen_keys_age ON hookflow.poll_seen_keys (flow_id, last_seen_at DESC);
      ALTER TABLE hookflow.deliveries ADD COLUMN poll jsonb;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE hookflow.deliveries DROP COLUMN poll;
      DROP TABLE hookflow.poll_seen_keys;
      DROP TABLE hookflow.poll_state;
    `);
  }
}
