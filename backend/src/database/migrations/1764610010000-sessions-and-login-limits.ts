import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable sessions and race-free log-in limits. `users.token_version` is part of every log-in
 * token: raising it ends all of the user's sessions. `login_attempts` holds one counter row per
 * limit key, bumped by a single upsert so parallel attempts cannot all pass the check; it replaces
 * the one-row-per-failure table. `login_known_clients` remembers where an account last logged in
 * successfully, so an attacker's failures elsewhere do not lock its owner out.
 */
export class SessionsAndLoginLimits1764610010000 implements MigrationInterface {
  name = 'SessionsAndLoginLimits1764610010000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE hookflow.users ADD COLUMN token_version integer NOT NULL DEFAULT 0;
      DROP TABLE hookflow.login_failures;
      CREATE TABLE hookflow.login_attempts (
        key text PRIMARY KEY,
        attempts integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        next_allowed_at timestamptz NOT NULL
      );
      CREATE TABLE hookflow.login_known_clients (
        email text NOT NULL,
        ip text NOT NULL,
        last_login_at timestamptz NOT NULL,
        PRIMARY KEY (email, ip)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE hookflow.login_known_clients;
      DROP TABLE hookflow.login_attempts;
      CREATE TABLE hookflow.login_failures (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_failures_key_at ON hookflow.login_failures (key, at);
      ALTER TABLE hookflow.users DROP COLUMN token_version;
    `);
  }
}
