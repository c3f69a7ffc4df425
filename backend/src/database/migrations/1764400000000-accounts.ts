import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1764400000000 implements MigrationInterface {
  name = 'Accounts1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hookflow.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE hookflow.teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE hookflow.team_members (
        team_id uuid NOT NULL REFERENCES hookflow.teams(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES hookflow.users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id)
      );
      CREATE INDEX team_members_user ON hookflow.team_members (user_id);
      CREATE TABLE hookflow.api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES hookflow.users(id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX api_keys_user ON hookflow.api_keys (user_id);
      CREATE TABLE hookflow.login_failures (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_failures_key_at ON hookflow.login_failures (key, at);
      CREATE TABLE hookflow.credentials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES hookflow.teams(id) ON DELETE CASCADE,
        name text NOT NULL,
        type text NOT NULL,
        sealed_data text NOT NULL,
        fields_set text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX credentials_team ON hookflow.credentials (team_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE hookflow.credentials; DROP TABLE hookflow.login_failures; DROP TABLE hookflow.api_keys;
      DROP TABLE hookflow.team_members; DROP TABLE hookflow.teams; DROP TABLE hookflow.users;
    `);
  }
}
