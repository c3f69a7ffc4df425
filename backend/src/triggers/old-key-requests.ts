import { Inject, Injectable } from '@nestjs/common';
import {
  OLD_KEY_REQUEST_RETENTION_DAYS,
  OLD_KEY_REQUESTS_PER_TEAM,
  type OldKeyRequest,
  type OldKeyRequests,
  type TriggerKeyRetirement,
} from '@hookflow/shared';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { APP_SCHEMA } from '../database/data-source-options.js';
import { redactHeaders } from './trigger-request.js';

/** A key a flow gave up (flows/retired-trigger-keys.ts), as the resolver finds it. */
export interface RetiredKey {
  key: string;
  teamId: string;
  flowId: string;
}

const LISTED = 50;

interface RequestRow {
  id: string;
  flowId: string;
  flowName: string;
  cause: TriggerKeyRetirement;
  retiredAt: Date;
  mode: 'production' | 'test';
  method: string;
  headers: Record<string, string>;
  contentType: string | null;
  sizeBytes: number | null;
  receivedAt: Date;
  total: string;
}

/**
 * Requests to retired trigger keys: kept per team (the last 500, 7 days) so the trigger panel can
 * say that a sender still calls an old URL. Only unknown keys are looked up here, never the hot
 * path of valid ones; the sender still gets the same bare 404 as for a key that never existed.
 */
@Injectable()
export class OldKeyRequestLog {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async find(key: string): Promise<RetiredKey | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT key, team_id AS "teamId", flow_id AS "flowId" FROM ${APP_SCHEMA}.retired_trigger_keys WHERE key = $1`,
      [key],
    );
    return row as RetiredKey | undefined;
  }

  /** Records the request (headers only: the body is not read) and prunes the team's old ones. */
  async record(retired: RetiredKey, request: IncomingMessage, test: boolean): Promise<void> {
    const declared = Number(request.headers['content-length']);
    // One writer per team at a time, so the bound holds when requests arrive together: each
    // statement then sees the rows the previous one left.
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtext('hookflow:old-key-requests'), hashtext($1))`,
        [retired.teamId],
      );
      await manager.query(
        `WITH added AS (
         INSERT INTO ${APP_SCHEMA}.retired_key_requests (id, team_id, key, mode, method, headers, content_type, size_bytes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8))
       DELETE FROM ${APP_SCHEMA}.retired_key_requests WHERE team_id = $2 AND (
         received_at < now() - make_interval(days => $9)
         OR id IN (SELECT id FROM ${APP_SCHEMA}.retired_key_requests WHERE team_id = $2
                   ORDER BY received_at DESC OFFSET $10))`,
        [
          randomUUID(),
          retired.teamId,
          retired.key,
          test ? 'test' : 'production',
          (request.method ?? 'GET').toUpperCase(),
          JSON.stringify(redactHeaders(request.headers, null)),
          request.headers['content-type'] ?? null,
          Number.isSafeInteger(declared) && declared >= 0 && declared < 2 ** 31 ? declared : null,
          OLD_KEY_REQUEST_RETENTION_DAYS,
          // The statement sees the rows from before its insert: keep one fewer of them.
          OLD_KEY_REQUESTS_PER_TEAM - 1,
        ],
      );
    });
  }

  /** The team's requests to old keys, of one flow's keys or (no flowId) of all, newest first. */
  async list(teamId: string, flowId?: string): Promise<OldKeyRequests> {
    const params: unknown[] = [teamId, OLD_KEY_REQUEST_RETENTION_DAYS, LISTED];
    const ofFlow = flowId ? `AND k.flow_id = $${params.push(flowId)}` : '';
    const rows: RequestRow[] = await this.dataSource.query(
      `SELECT r.id, k.flow_id AS "flowId", k.flow_name AS "flowName", k.cause,
              k.retired_at AS "retiredAt", r.mode, r.method, r.headers,
              r.content_type AS "contentType", r.size_bytes AS "sizeBytes",
              r.received_at AS "receivedAt", count(*) OVER () AS total
       FROM ${APP_SCHEMA}.retired_key_requests r
       JOIN ${APP_SCHEMA}.retired_trigger_keys k ON k.key = r.key
       WHERE r.team_id = $1 AND k.team_id = $1 ${ofFlow}
         AND r.received_at >= now() - make_interval(days => $2)
       ORDER BY r.received_at DESC LIMIT $3`,
      params,
    );
    const [last] = await this.dataSource.query(
      `SELECT max(retired_at) AS "at" FROM ${APP_SCHEMA}.retired_trigger_keys k
       WHERE k.team_id = $1 ${flowId ? 'AND k.flow_id = $2' : ''}`,
      flowId ? [teamId, flowId] : [teamId],
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      lastRetiredAt: last?.at ? new Date(last.at).toISOString() : null,
      items: rows.map(toRequest),
    };
  }
}

const toRequest = ({ total: _total, ...row }: RequestRow): OldKeyRequest => ({
  ...row,
  retiredAt: new Date(row.retiredAt).toISOString(),
  receivedAt: new Date(row.receivedAt).toISOString(),
});
