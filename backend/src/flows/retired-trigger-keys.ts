import type { EntityManager } from 'typeorm';
import type { TriggerKeyRetirement } from '@hookflow/shared';
import { APP_SCHEMA } from '../database/data-source-options.js';
import type { FlowEntity } from './flow.entity.js';

/** Old keys are kept this long, and this many per team, so their requests can be told apart. */
const RETIRED_KEY_DAYS = 30;
const RETIRED_KEYS_PER_TEAM = 100;

/**
 * Remembers a key the flow gives up, in the caller's transaction, and prunes the team's old ones.
 * Requests to it are then recorded (triggers/old-key-requests.ts) instead of vanishing as unknown.
 */
export async function retireTriggerKey(
  manager: EntityManager,
  flow: Pick<FlowEntity, 'id' | 'teamId' | 'name' | 'triggerKey'>,
  cause: TriggerKeyRetirement,
): Promise<void> {
  await manager.query(
    `INSERT INTO ${APP_SCHEMA}.retired_trigger_keys (key, team_id, flow_id, flow_name, cause)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING`,
    [flow.triggerKey, flow.teamId, flow.id, flow.name, cause],
  );
  await manager.query(
    `DELETE FROM ${APP_SCHEMA}.retired_trigger_keys WHERE team_id = $1 AND (
       retired_at < now() - make_interval(days => $2)
       OR key IN (SELECT key FROM ${APP_SCHEMA}.retired_trigger_keys WHERE team_id = $1
                  ORDER BY retired_at DESC OFFSET $3))`,
    [flow.teamId, RETIRED_KEY_DAYS, RETIRED_KEYS_PER_TEAM],
  );
}
