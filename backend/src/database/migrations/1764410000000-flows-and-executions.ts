import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FlowsAndExecutions1764410000000 implements MigrationInterface {
  name = 'FlowsAndExecutions1764410000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hookflow.flows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES hookflow.teams(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'disabled')),
        definition jsonb NOT NULL,
        published_version integer,
        trigger_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX flows_team ON hookflow.flows (team_id, updated_at DESC);
      CREATE TABLE hookflow.flow_versions (
        flow_id uuid NOT NULL REFERENCES hookflow.flows(id) ON DELETE CASCADE,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (flow_id, version)
      );
      CREATE TABLE hookflow.deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id uuid NOT NULL REFERENCES hookflow.flows(id) ON DELETE CASCADE,
        team_id uuid NOT NULL,
        mode text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        headers jsonb NOT NULL,
        query jsonb NOT NULL,
        raw_body bytea NOT NULL,
        content_type text,
        size_bytes integer NOT NULL,
        outcome text NOT NULL,
        reason text,
        verification text,
        execution_id uuid,
        duplicate_of uuid,
        dedupe_key text,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX deliveries_flow ON hookflow.deliveries (flow_id, received_at DESC);
      CREATE TABLE hookflow.delivery_dedupe (
        flow_id uuid NOT NULL REFERENCES hookflow.flows(id) ON DELETE CASCADE,
        key text NOT NULL,
        delivery_id uuid NOT NULL,
        execution_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (flow_id, key)
      );
      CREATE TABLE hookflow.executions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL,
        flow_id uuid NOT NULL REFERENCES hookflow.flows(id) ON DELETE CASCADE,
        version integer,
        mode text NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        delivery_id uuid,
        trigger jsonb NOT NULL,
        dry_run boolean NOT NULL DEFAULT false,
        response jsonb,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      );
      CREATE INDEX executions_team ON hookflow.executions (team_id, created_at DESC, id DESC);
      CREATE INDEX executions_flow ON hookflow.executions (flow_id, created_at DESC, id DESC);
      CREATE INDEX executions_queued ON hookflow.executions (created_at) WHERE status = 'queued';
      CREATE TABLE hookflow.step_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        execution_id uuid NOT NULL REFERENCES hookflow.executions(id) ON DELETE CASCADE,
        node_id text NOT NULL,
        node_type text NOT NULL,
        status text NOT NULL,
        attempt integer NOT NULL DEFAULT 1,
        input jsonb,
        output jsonb,
        error jsonb,
        handle text,
        stopped boolean NOT NULL DEFAULT false,
        wait_kind text,
        resume_at timestamptz,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (execution_id, node_id)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE hookflow.step_runs; DROP TABLE hookflow.executions; DROP TABLE hookflow.delivery_dedupe;
      DROP TABLE hookflow.deliveries; DROP TABLE hookflow.flow_versions; DROP TABLE hookflow.flows;
    `);
  }
}
