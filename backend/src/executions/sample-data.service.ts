import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  isTriggerType,
  redactValue,
  type FlowSampleData,
  type NodeSampleData,
  type SampleDataSource,
} from '@hookflow/shared';
import { DataSource } from 'typeorm';
import { APP_SCHEMA } from '../database/data-source-options.js';
import { boundSample } from './bounded-sample.js';

interface SampleRow {
  kind: 'flow' | 'step' | 'captured';
  nodeId: string | null;
  value: unknown;
  executionId: string | null;
  at: Date | string | null;
  testRun: boolean | null;
}

// Draft test and manual runs, and test requests, are found through their partial indexes
// (migration 1764770000002) however many production runs came since. Other runs and requests
// are looked for among the newest only, so a busy production flow costs what a quiet one does.
const RUN_WINDOW = 500;
const RUNS_PER_KIND = 5;
const DELIVERY_WINDOW = 200;

/**
 * One statement: the flow (scoped to the team, so another team's flow reads as missing); each
 * node's newest succeeded step among the newest finished non-dry runs, draft test and manual
 * runs first; the newest accepted request, test URL first, with the trigger its run saw.
 */
const SAMPLE_SQL = `
WITH flow AS (
  SELECT f.id, (f.definition -> 'nodes')::jsonb AS nodes
    FROM ${APP_SCHEMA}.flows f WHERE f.id = $1 AND f.team_id = $2
), test_runs AS (
  SELECT e.id, e.created_at, true AS test_run
    FROM ${APP_SCHEMA}.executions e
   WHERE e.flow_id = (SELECT id FROM flow) AND e.version IS NULL AND e.mode IN ('test', 'manual')
     AND e.status IN ('succeeded', 'failed') AND NOT e.dry_run
   ORDER BY e.created_at DESC
   LIMIT ${RUNS_PER_KIND}
), other_runs AS (
  SELECT r.id, r.created_at, false AS test_run
    FROM (SELECT e.id, e.created_at, e.status, e.dry_run, e.version, e.mode
            FROM ${APP_SCHEMA}.executions e
           WHERE e.flow_id = (SELECT id FROM flow)
           ORDER BY e.created_at DESC, e.id DESC
           LIMIT ${RUN_WINDOW}) r
   WHERE r.status IN ('succeeded', 'failed') AND NOT r.dry_run
     AND NOT (r.version IS NULL AND r.mode IN ('test', 'manual'))
   ORDER BY r.created_at DESC
   LIMIT ${RUNS_PER_KIND}
), outputs AS (
  SELECT DISTINCT ON (s.node_id) s.node_id, s.output, r.id AS execution_id,
         s.finished_at, r.test_run
    FROM (SELECT * FROM test_runs UNION ALL SELECT * FROM other_runs) r
    JOIN ${APP_SCHEMA}.step_runs s ON s.execution_id = r.id
   WHERE s.status = 'succeeded'
   ORDER BY s.node_id, r.test_run DESC, r.created_at DESC
), requests AS (
  (SELECT d.received_at, d.execution_id, true AS test
     FROM ${APP_SCHEMA}.deliveries d
    WHERE d.flow_id = (SELECT id FROM flow) AND d.mode = 'test' AND d.outcome = 'accepted'
    ORDER BY d.received_at DESC
    LIMIT 1)
  UNION ALL
  (SELECT d.received_at, d.execution_id, false
     FROM (SELECT dd.received_at, dd.execution_id, dd.outcome
             FROM ${APP_SCHEMA}.deliveries dd
            WHERE dd.flow_id = (SELECT id FROM flow)
            ORDER BY dd.received_at DESC
            LIMIT ${DELIVERY_WINDOW}) d
    WHERE d.outcome = 'accepted' AND d.execution_id IS NOT NULL
    ORDER BY d.received_at DESC
    LIMIT 1)
), captured AS (
  SELECT q.received_at, e.id AS execution_id, e.trigger
    FROM requests q JOIN ${APP_SCHEMA}.executions e ON e.id = q.execution_id
   ORDER BY q.test DESC, q.received_at DESC
   LIMIT 1
)
SELECT 'flow' AS kind, NULL AS "nodeId", nodes AS value, NULL::uuid AS "executionId",
       NULL::timestamptz AS at, NULL::boolean AS "testRun" FROM flow
UNION ALL
SELECT 'step', node_id, output, execution_id, finished_at, test_run FROM outputs
UNION ALL
SELECT 'captured', NULL, trigger, execution_id, received_at, NULL FROM captured`;

/** The data picker's real data: what each step of a flow last produced. */
@Injectable()
export class SampleDataService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async forFlow(teamId: string, flowId: string): Promise<FlowSampleData> {
    const rows: SampleRow[] = await this.dataSource.query(SAMPLE_SQL, [flowId, teamId]);
    const flow = rows.find((row) => row.kind === 'flow');
    if (!flow) throw new NotFoundException('Flow not found');
    const nodes: Record<string, NodeSampleData> = {};
    for (const row of rows) {
      if (row.kind === 'step' && row.nodeId)
        nodes[row.nodeId] = sample(row, row.testRun ? 'test run' : 'last run');
    }
    // The trigger step's output is the request; a captured one is the better example of it.
    const captured = rows.find((row) => row.kind === 'captured');
    const triggerNode = ((flow.value ?? []) as { id: string; type: string }[]).find((node) =>
      isTriggerType(node.type),
    );
    if (captured && triggerNode) nodes[triggerNode.id] = sample(captured, 'captured event');
    return { nodes };
  }
}

function sample(row: SampleRow, source: SampleDataSource): NodeSampleData {
  const { value, truncated } = boundSample(redactValue(row.value));
  return {
    source,
    executionId: row.executionId!,
    at: new Date(row.at!).toISOString(),
    output: value,
    truncated,
  };
}
