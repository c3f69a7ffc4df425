import { BadRequestException } from '@nestjs/common';
import type { ExecutionSummary, ListExecutionsQuery, Page } from '@hookflow/shared';
import type { DataSource } from 'typeorm';
import { isUuid } from '../common/id-param.js';
import { APP_SCHEMA } from '../database/data-source-options.js';
import {
  sourceCondition,
  toExecutionSummary,
  triggerSummary,
  TRIGGER_SUMMARY_CHARS,
  type SummaryFields,
} from './execution-summary.js';

/**
 * How much of each stored trigger body a text search reads: the search scans bodies (no index,
 * so recording a delivery costs nothing more), and this keeps one row's share of it small.
 */
export const SEARCHED_BODY_CHARS = 16_384;

/**
 * How many runs (after the other filters) one search request reads, newest first: a page with
 * fewer hits still has a cursor, from which "Load more" searches the next runs back.
 */
export const SEARCHED_RUNS = 10_000;

const ID_START = /^[0-9a-f-]{4,36}$/i;

// The creation time in microseconds (a JS Date would cut it to milliseconds and skip rows).
const encodeCursor = (row: { createdAtExact: string; id: string }) =>
  Buffer.from(`${row.createdAtExact}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (
    !id ||
    !isUuid(id) ||
    !/^[\d:.TZ-]+$/.test(createdAt) ||
    Number.isNaN(Date.parse(createdAt))
  ) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'field "cursor": not a cursor this API returned',
    });
  }
  return { createdAt, id };
}

const EXACT_CREATED = `to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

type ListRow = SummaryFields & {
  createdAtExact: string;
  method: string;
  bodyStart: string;
  itemId: string | null;
};

/**
 * A team's runs, newest first, one page: the cursor is the last row's (created_at, id), stable
 * under inserts. Only the start of each trigger body is read, for its one-line summary.
 */
export async function listExecutions(
  dataSource: DataSource,
  teamId: string,
  query: ListExecutionsQuery,
): Promise<Page<ExecutionSummary>> {
  const values: unknown[] = [teamId];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = ['e.team_id = $1'];
  if (query.flowId) where.push(`e.flow_id = ${param(query.flowId)}`);
  // "Failed" also means "failed before it was retried": that run once needed someone.
  if (query.status === 'failed') where.push(`(e.status = 'failed' OR e.failed_attempts > 0)`);
  else if (query.status) where.push(`e.status = ${param(query.status)}`);
  if (query.source) where.push(sourceCondition(query.source, param));
  if (query.from) where.push(`e.created_at >= ${param(query.from)}`);
  if (query.to) where.push(`e.created_at <= ${param(query.to)}`);
  if (query.cursor) {
    const { createdAt, id } = decodeCursor(query.cursor);
    where.push(`(e.created_at, e.id) < (${param(createdAt)}::timestamptz, ${param(id)}::uuid)`);
  }
  // A search reads at most SEARCHED_RUNS rows: the oldest of them bounds this request.
  let searchEdge: { createdAtExact: string; id: string } | undefined;
  if (query.q) {
    [searchEdge] = await dataSource.query(
      `SELECT ${EXACT_CREATED} AS "createdAtExact", e.id FROM ${APP_SCHEMA}.executions e
        WHERE ${where.join(' AND ')}
        ORDER BY e.created_at DESC, e.id DESC OFFSET ${SEARCHED_RUNS - 1} LIMIT 1`,
      values,
    );
    if (searchEdge)
      where.push(
        `(e.created_at, e.id) >= (${param(searchEdge.createdAtExact)}::timestamptz, ${param(searchEdge.id)}::uuid)`,
      );
    const body = `left(e.trigger->>'rawBody', ${SEARCHED_BODY_CHARS}) ILIKE ${param(likePattern(query.q))}`;
    where.push(
      ID_START.test(query.q)
        ? `(e.id::text LIKE ${param(`${query.q.toLowerCase()}%`)} OR ${body})`
        : body,
    );
  }
  const rows: ListRow[] = await dataSource.query(
    `SELECT e.id, e.flow_id AS "flowId", e.version, e.status, e.delivery_id AS "deliveryId",
            e.dry_run AS "dryRun", e.replay, e.mode, e.error, e.attempt,
            e.retried_from AS "retriedFrom", e.failed_attempts AS "failedAttempts",
            e.created_at AS "createdAt",
            ${EXACT_CREATED} AS "createdAtExact",
            e.started_at AS "startedAt", e.finished_at AS "finishedAt",
            e.trigger->>'method' AS method,
            left(e.trigger->>'rawBody', ${TRIGGER_SUMMARY_CHARS + 1}) AS "bodyStart",
            CASE WHEN e.mode = 'poll'
              THEN COALESCE(e.trigger#>>'{body,item,id}', e.trigger#>>'{body,item,key}') END AS "itemId"
       FROM ${APP_SCHEMA}.executions e
      WHERE ${where.join(' AND ')}
      ORDER BY e.created_at DESC, e.id DESC
      LIMIT ${param(query.limit + 1)}`,
    values,
  );
  const page = rows.slice(0, query.limit).map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    startedAt: row.startedAt && new Date(row.startedAt),
    finishedAt: row.finishedAt && new Date(row.finishedAt),
  }));
  return {
    items: page.map((row) =>
      toExecutionSummary(row, triggerSummary(row.method, row.bodyStart ?? '', row.itemId)),
    ),
    nextCursor:
      rows.length > query.limit
        ? encodeCursor(page[page.length - 1])
        : searchEdge
          ? encodeCursor(searchEdge)
          : null,
  };
}
