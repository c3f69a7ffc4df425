import { Inject, Injectable } from '@nestjs/common';
import type { PollSummary, TriggerRequestContext } from '@hookflow/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { jsonRow } from '../common/row.js';
import { DeliveryEntity } from '../triggers/delivery.entity.js';
import type { KeyedItem } from './poll-items.js';

/** Keys kept per flow beyond those of the latest answer: what the API may still list. */
export const seenKeysKept = 5_000;
/** Runs recorded per statement: thousands of new items cost a few statements, not thousands. */
export const runsPerStatement = 500;
/** Of an answer, this much is kept in the delivery (its size is recorded in full). */
const keptAnswerBytes = 256 * 1024;

/** What a poll asked and got, for its delivery row. */
export interface PollRecord {
  flow: { id: string; teamId: string; publishedVersion: number | null };
  method: string;
  /** Origin and path. */
  url: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  answer?: { text: string; contentType: string | null };
  summary: Omit<PollSummary, 'new' | 'baseline'>;
}

export interface CommittedPoll {
  delivery: DeliveryEntity;
  /** The runs started, oldest item first; enqueue them after the commit. */
  executionIds: string[];
}

/**
 * Postgres text and jsonb refuse NUL and lone surrogates; an API that sends one must not stall
 * its flow, so they become U+FFFD.
 */
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(unstorable, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [storable(key), storable(entry)]),
    ) as T;
  }
  return value;
}

/** The trigger request a poll's run sees: `{{ trigger.body.item }}` is the item. */
export function pollTrigger(item: unknown, record: Pick<PollRecord, 'method' | 'url'>) {
  const body = { item };
  const trigger: TriggerRequestContext = {
    method: 'POLL',
    path: `(poll) ${record.method} ${record.url}`,
    headers: {},
    query: {},
    body,
    rawBody: JSON.stringify(body),
  };
  return trigger;
}

/**
 * The database side of polling. The seen keys of a flow and its runs commit in one transaction
 * under the flow's poll-state row lock, so concurrent polls of one flow (two workers, a tick and
 * "Poll now") each claim a key at most once between them; a failed poll records its delivery
 * and nothing else.
 */
@Injectable()
export class PollStore {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** A poll that got no usable answer: its delivery, with the reason; the seen keys stay. */
  async recordFailure(record: PollRecord): Promise<DeliveryEntity> {
    const delivery = this.deliveryRow(record, 'failed', { new: 0, baseline: false }, null);
    await this.dataSource.manager.insert(DeliveryEntity, jsonRow<DeliveryEntity>(delivery));
    return delivery;
  }

  /**
   * Records an answer's items: the keys not seen before for this request (`fingerprint`) become
   * runs, oldest first, unless this is the baseline poll (the first one for this request) and
   * existing items are not wanted.
   */
  async commit(
    record: PollRecord,
    fingerprint: string,
    items: KeyedItem[],
    includeExisting: boolean,
  ): Promise<CommittedPoll> {
    const clean = storable(items);
    return this.dataSource.transaction(async (manager) => {
      const baseline = await this.lockState(manager, record.flow.id, fingerprint);
      const fresh = await this.claimKeys(manager, record.flow.id, clean);
      const firing =
        baseline && !includeExisting ? [] : clean.filter((item) => fresh.has(item.key));
      const executionIds = firing.map(() => randomUUID());
      const delivery = this.deliveryRow(
        record,
        'accepted',
        { new: firing.length, baseline },
        executionIds[0] ?? null,
      );
      await manager.insert(DeliveryEntity, jsonRow<DeliveryEntity>(delivery));
      for (let start = 0; start < firing.length; start += runsPerStatement) {
        const chunk = firing.slice(start, start + runsPerStatement).map((item, index) => ({
          id: executionIds[start + index],
          trigger: pollTrigger(item.item, record),
        }));
        await this.insertRuns(manager, record, delivery.id, start, chunk);
      }
      if (baseline)
        await manager.query(
          `UPDATE hookflow.poll_state SET baseline_at = now(), updated_at = now() WHERE flow_id = $1`,
          [record.flow.id],
        );
      return { delivery, executionIds };
    });
  }

  /** Locks the flow's poll state; a new request (or none yet) starts over. True: baseline poll. */
  private async lockState(
    manager: EntityManager,
    flowId: string,
    fingerprint: string,
  ): Promise<boolean> {
    await manager.query(
      `INSERT INTO hookflow.poll_state (flow_id, fingerprint) VALUES ($1, $2)
       ON CONFLICT (flow_id) DO NOTHING`,
      [flowId, fingerprint],
    );
    const [state]: Array<{ fingerprint: string; baseline: boolean }> = await manager.query(
      `SELECT fingerprint, baseline_at IS NULL AS baseline FROM hookflow.poll_state
        WHERE flow_id = $1 FOR UPDATE`,
      [flowId],
    );
    if (state.fingerprint === fingerprint) return state.baseline;
    await manager.query(`DELETE FROM hookflow.poll_seen_keys WHERE flow_id = $1`, [flowId]);
    await manager.query(
      `UPDATE hookflow.poll_state SET fingerprint = $2, baseline_at = NULL, updated_at = now()
        WHERE flow_id = $1`,
      [flowId, fingerprint],
    );
    return true;
  }

  /**
   * Marks every key of the answer as seen now and returns those not seen before. Keys no longer
   * listed are kept up to `seenKeysKept` (most recently seen first), so an item that drops off a
   * page and comes back later does not fire again.
   */
  private async claimKeys(
    manager: EntityManager,
    flowId: string,
    items: KeyedItem[],
  ): Promise<Set<string>> {
    if (!items.length) return new Set();
    const keys = JSON.stringify(items.map((item) => item.key));
    const inserted: Array<{ key: string }> = await manager.query(
      `INSERT INTO hookflow.poll_seen_keys (flow_id, key)
       SELECT $1, k FROM jsonb_array_elements_text($2::jsonb) AS k
       ON CONFLICT (flow_id, key) DO NOTHING RETURNING key`,
      [flowId, keys],
    );
    await manager.query(
      `UPDATE hookflow.poll_seen_keys SET last_seen_at = now()
        WHERE flow_id = $1 AND key IN (SELECT jsonb_array_elements_text($2::jsonb))`,
      [flowId, keys],
    );
    await manager.query(
      `DELETE FROM hookflow.poll_seen_keys WHERE flow_id = $1 AND key IN (
         SELECT key FROM hookflow.poll_seen_keys WHERE flow_id = $1
          ORDER BY last_seen_at DESC OFFSET $2)`,
      [flowId, Math.max(seenKeysKept, items.length)],
    );
    return new Set(inserted.map((row) => row.key));
  }

  /** One statement per chunk; created_at grows by a microsecond per item to keep their order. */
  private async insertRuns(
    manager: EntityManager,
    record: PollRecord,
    deliveryId: string,
    offset: number,
    runs: Array<{ id: string; trigger: TriggerRequestContext }>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO hookflow.executions (id, team_id, flow_id, version, mode, trigger, delivery_id, created_at)
       SELECT (run->>'id')::uuid, $1, $2, $3, 'poll', run->'trigger', $4,
              now() + (($5::int + n) * interval '1 microsecond')
         FROM jsonb_array_elements($6::jsonb) WITH ORDINALITY AS t(run, n)`,
      [
        record.flow.teamId,
        record.flow.id,
        record.flow.publishedVersion,
        deliveryId,
        offset,
        JSON.stringify(runs),
      ],
    );
  }

  private deliveryRow(
    record: PollRecord,
    outcome: 'accepted' | 'failed',
    found: Pick<PollSummary, 'new' | 'baseline'>,
    executionId: string | null,
  ): DeliveryEntity {
    const answer = Buffer.from(record.answer?.text ?? '', 'utf8');
    const delivery = new DeliveryEntity();
    Object.assign(delivery, {
      id: randomUUID(),
      flowId: record.flow.id,
      teamId: record.flow.teamId,
      mode: 'production',
      method: record.method,
      path: storable(record.url),
      headers: storable(record.headers),
      query: storable(record.query),
      rawBody: answer.subarray(0, keptAnswerBytes),
      contentType: record.answer?.contentType ?? null,
      sizeBytes: answer.length,
      outcome,
      reason: null,
      verification: null,
      executionId,
      duplicateOf: null,
      dedupeKey: null,
      poll: storable({ ...record.summary, ...found }),
      receivedAt: new Date(),
    } satisfies Omit<DeliveryEntity, never>);
    return delivery;
  }
}
