import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type DeliveryRejectReason,
  type TriggerRequestContext,
  type WebhookTriggerConfig,
} from '@hookflow/shared';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { evaluateOrderingKey } from '../engine/index.js';
import { ExpressionPool } from '../expressions/expression-pool.js';
import { ExecutionEventBus } from '../executions/execution-events.js';
import { ExecutionQueue } from '../executions/execution-queue.js';
import { ExecutionEntity } from '../executions/execution.entity.js';
import { ExecutionsService, type StartExecution } from '../executions/executions.service.js';
import { DeliveryEntity } from './delivery.entity.js';
import { RateLimiter } from './rate-limiter.js';
import {
  MalformedBodyError,
  parseBody,
  queryOf,
  redactHeaders,
  triggerContext,
} from './trigger-request.js';
import { TriggerResolver, type ResolvedTrigger } from './trigger-resolver.js';
import { handshakeResponse, isIpAllowed, verifyTriggerAuth } from './verification/index.js';

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** What the trigger URL answers. */
export interface IngressReply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  /** Sent as-is (handshakes, sync responses with a text body). */
  raw?: boolean;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): IngressReply => ({
  status,
  body,
  headers,
});
const error = (
  status: number,
  errorName: string,
  message: string,
  headers?: Record<string, string>,
) => json(status, { statusCode: status, error: errorName, message }, headers);

type RecordOutcome = { duplicate: boolean; executionId: string };

interface ReceivedRequest {
  method: string;
  path: string;
  url: URL;
  ip: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  contentType: string | undefined;
  rawBody: Buffer;
  sizeBytes: number;
}

/**
 * The webhook ingress (docs/architecture.md §3): verify, record durably, then queue. Every request that
 * reaches a known trigger key becomes a Delivery row, whatever the outcome; a 2xx is only
 * sent once the delivery and its execution are committed.
 */
@Injectable()
export class TriggerIngressService {
  private readonly logger = new Logger(TriggerIngressService.name);
  private readonly rateLimiter = new RateLimiter();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TriggerResolver) private readonly triggers: TriggerResolver,
    @Inject(ExecutionsService) private readonly executions: ExecutionsService,
    @Inject(ExecutionQueue) private readonly queue: ExecutionQueue,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ExpressionPool) private readonly expressionPool: ExpressionPool,
  ) {}

  async receive(
    key: string,
    test: boolean,
    request: IncomingMessage,
    ip: string,
  ): Promise<IngressReply> {
    const lookup = await this.triggers.lookup(key, test);
    if (!lookup.found) return error(404, 'Not Found', 'Not Found');
    const url = new URL(request.url ?? '/', 'http://hookflow.local');
    const received = (rawBody: Buffer, sizeBytes = rawBody.length): ReceivedRequest => ({
      method: request.method ?? 'GET',
      path: url.pathname,
      url,
      ip,
      // Without the trigger's settings (disabled flow…) its auth header is unknown: hide all such.
      headers: redactHeaders(request.headers, lookup.problem ? null : lookup.config.auth.header),
      query: queryOf(url),
      contentType: request.headers['content-type'],
      rawBody,
      sizeBytes,
    });
    if (lookup.problem) {
      const body = await readBody(request, DEFAULT_MAX_BODY_BYTES).catch(() => Buffer.alloc(0));
      const messages = {
        disabled: [410, 'Gone', 'This flow is disabled'],
        unpublished: [
          409,
          'Conflict',
          'This flow has no published version yet: publish it, or call its test URL',
        ],
        'not-webhook': [409, 'Conflict', 'This flow does not start with a webhook trigger'],
        misconfigured: [
          409,
          'Conflict',
          "The draft's webhook trigger settings are incomplete; fix them in the editor",
        ],
      } as const;
      const [status, name, message] = messages[lookup.problem];
      if (lookup.problem === 'disabled')
        await this.reject(lookup.flow, test, received(body), 'flow_disabled', message);
      return error(status, name, message);
    }
    return this.accept(lookup, test, request, received);
  }

  private async accept(
    trigger: ResolvedTrigger,
    test: boolean,
    request: IncomingMessage,
    received: (rawBody: Buffer, sizeBytes?: number) => ReceivedRequest,
  ): Promise<IngressReply> {
    const { flow, config } = trigger;
    const method = (request.method ?? 'GET').toUpperCase();
    const maxBody = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const declared = Number(request.headers['content-length'] ?? 0);

    if (!config.methods.includes(method as (typeof config.methods)[number])) {
      await this.reject(
        flow,
        test,
        received(Buffer.alloc(0)),
        'method_not_allowed',
        `${method} is not one of ${config.methods.join(', ')}`,
      );
      return error(405, 'Method Not Allowed', `This trigger accepts ${config.methods.join(', ')}`, {
        Allow: config.methods.join(', '),
      });
    }
    if (config.allowIps?.length && !isIpAllowed(received(Buffer.alloc(0)).ip, config.allowIps)) {
      await this.reject(
        flow,
        test,
        received(Buffer.alloc(0)),
        'ip_not_allowed',
        `${received(Buffer.alloc(0)).ip} is not in the allowlist`,
      );
      return error(403, 'Forbidden', 'Forbidden');
    }
    if (config.rateLimit) {
      const retryAfter = this.rateLimiter.take(`${flow.id}:${test}`, config.rateLimit.perMinute);
      if (retryAfter) {
        await this.reject(
          flow,
          test,
          received(Buffer.alloc(0)),
          'rate_limited',
          `More than ${config.rateLimit.perMinute} requests this minute`,
        );
        return error(
          429,
          'Too Many Requests',
          `Rate limit of ${config.rateLimit.perMinute} requests per minute exceeded`,
          { 'Retry-After': String(retryAfter) },
        );
      }
    }
    if (declared > maxBody) {
      await this.reject(
        flow,
        test,
        received(Buffer.alloc(0), declared),
        'too_large',
        `Body of ${declared} bytes exceeds ${maxBody}`,
      );
      return error(413, 'Payload Too Large', `Body exceeds ${maxBody} bytes`);
    }
    let rawBody: Buffer;
    try {
      rawBody = await readBody(request, maxBody);
    } catch {
      await this.reject(
        flow,
        test,
        received(Buffer.alloc(0), maxBody + 1),
        'too_large',
        `Body exceeds ${maxBody} bytes`,
      );
      return error(413, 'Payload Too Large', `Body exceeds ${maxBody} bytes`);
    }
    const req = received(rawBody);

    const verification = verifyTriggerAuth(
      config.auth,
      {
        method,
        url: this.config.http.hooksUrl + req.path + req.url.search,
        headers: request.headers,
        rawBody,
      },
      { now: new Date() },
    );
    if (!verification.ok) {
      await this.reject(flow, test, req, verification.reason, verification.detail);
      return error(
        401,
        'Unauthorized',
        verification.reason === 'stale_timestamp' ? 'Stale or future timestamp' : 'Unauthorized',
      );
    }
    const handshake = handshakeResponse(config.auth.type, rawBody, req.contentType);
    if (handshake) {
      await this.insertDelivery(flow, test, req, {
        outcome: 'accepted',
        verification: `${verification.detail}; answered the URL handshake`,
      });
      return {
        status: handshake.status,
        headers: { 'Content-Type': handshake.contentType },
        body: handshake.body,
        raw: true,
      };
    }

    let body: unknown;
    try {
      body = parseBody(rawBody, req.contentType);
    } catch (problem) {
      if (!(problem instanceof MalformedBodyError)) throw problem;
      await this.reject(flow, test, req, 'malformed_body', problem.message);
      return error(400, 'Bad Request', problem.message);
    }
    const context = triggerContext(req, rawBody, body, req.contentType);
    const dedupeKey = await this.dedupeKey(config, context, request);
    return this.record(trigger, test, req, context, verification.detail, dedupeKey);
  }

  /** The delivery and its execution, committed together before the caller hears 2xx. */
  private async record(
    trigger: ResolvedTrigger,
    test: boolean,
    req: ReceivedRequest,
    context: TriggerRequestContext,
    verification: string,
    dedupeKey: string | null,
  ): Promise<IngressReply> {
    const { flow, version, config } = trigger;
    // Evaluated before writing so the write stays short; a failing expression gives no key.
    const orderingKey = await evaluateOrderingKey(
      config.orderingKey,
      context,
      flow,
      this.expressionPool.evaluate,
    );
    const execution: StartExecution = {
      id: randomUUID(),
      flow,
      version,
      mode: test ? 'test' : 'production',
      trigger: context,
      deliveryId: randomUUID(),
      orderingKey,
    };
    const delivery = this.deliveryRow(flow, test, req, {
      id: execution.deliveryId,
      outcome: 'accepted',
      verification,
      dedupeKey,
      executionId: execution.id,
    });
    const outcome = dedupeKey
      ? await this.recordOnce(delivery, execution, dedupeKey, config.dedupe?.ttlSeconds ?? 604_800)
      : await this.recordAccepted(delivery, execution);
    if (outcome.duplicate) return json(200, { executionId: outcome.executionId, duplicate: true });

    const waitForReply =
      config.response.mode === 'sync'
        ? this.waitForResponse(flow.teamId, outcome.executionId, config.response.timeoutMs)
        : undefined;
    // After commit: a failed hand-off is repaired by the outbox sweeper, never lost.
    await this.queue
      .start(outcome.executionId)
      .catch((problem: Error) =>
        this.logger.warn(`enqueue failed, the sweeper will retry: ${problem.message}`),
      );
    if (!waitForReply) return json(202, { executionId: outcome.executionId });
    return waitForReply;
  }

  /**
   * The hot path, nothing to de-duplicate: delivery and execution in one statement, so one round
   * trip and one commit. The execution's columns are those `ExecutionsService.create` writes.
   */
  private async recordAccepted(
    delivery: Partial<DeliveryEntity>,
    execution: StartExecution,
  ): Promise<RecordOutcome> {
    await this.dataSource.query(
      `WITH delivery AS (
         INSERT INTO hookflow.deliveries (id, flow_id, team_id, mode, method, path, headers, query,
           raw_body, content_type, size_bytes, outcome, verification, execution_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14))
       INSERT INTO hookflow.executions (id, team_id, flow_id, version, mode, trigger, delivery_id,
         ordering_key)
       VALUES ($14, $3, $2, $15, $4, $16, $1, $17)`,
      [
        delivery.id,
        delivery.flowId,
        delivery.teamId,
        delivery.mode,
        delivery.method,
        delivery.path,
        JSON.stringify(delivery.headers),
        JSON.stringify(delivery.query),
        delivery.rawBody,
        delivery.contentType,
        delivery.sizeBytes,
        delivery.outcome,
        delivery.verification,
        execution.id,
        execution.version,
        JSON.stringify(execution.trigger),
        execution.orderingKey ?? null,
      ],
    );
    return { duplicate: false, executionId: execution.id! };
  }

  /** One transaction: the delivery, the de-duplication claim and, unless a repeat, the execution. */
  private async recordOnce(
    delivery: Partial<DeliveryEntity>,
    execution: StartExecution,
    dedupeKey: string,
    ttlSeconds: number,
  ): Promise<RecordOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await manager.insert(DeliveryEntity, delivery);
      const previous = await this.claimDedupeKey(manager, delivery, dedupeKey, ttlSeconds);
      if (previous) {
        await manager.update(
          DeliveryEntity,
          { id: delivery.id },
          {
            outcome: 'duplicate',
            executionId: previous.executionId,
            duplicateOf: previous.deliveryId,
          },
        );
        return { duplicate: true, executionId: previous.executionId };
      }
      await this.executions.create(execution, manager);
      return { duplicate: false, executionId: execution.id! };
    });
  }

  /** Claims the key, or returns the delivery and execution that claimed it within its TTL. */
  private async claimDedupeKey(
    manager: EntityManager,
    delivery: Partial<DeliveryEntity>,
    key: string,
    ttlSeconds: number,
  ) {
    const flowId = delivery.flowId;
    const claimed = await manager.query(
      `INSERT INTO hookflow.delivery_dedupe (flow_id, key, delivery_id, execution_id, expires_at)
       VALUES ($1, $2, $3, $5, now() + make_interval(secs => $4))
       ON CONFLICT (flow_id, key) DO UPDATE SET delivery_id = EXCLUDED.delivery_id, execution_id = EXCLUDED.execution_id, expires_at = EXCLUDED.expires_at
         WHERE hookflow.delivery_dedupe.expires_at < now()
       RETURNING delivery_id`,
      [flowId, key, delivery.id, ttlSeconds, delivery.executionId],
    );
    if (claimed.length) return undefined;
    const [previous] = await manager.query(
      `SELECT delivery_id AS "deliveryId", execution_id AS "executionId" FROM hookflow.delivery_dedupe WHERE flow_id = $1 AND key = $2`,
      [flowId, key],
    );
    return previous as { deliveryId: string; executionId: string };
  }

  private async dedupeKey(
    config: WebhookTriggerConfig,
    context: TriggerRequestContext,
    request: IncomingMessage,
  ): Promise<string | null> {
    if (!config.dedupe) return null;
    if (config.dedupe.header) {
      const value = request.headers[config.dedupe.header.toLowerCase()];
      return (Array.isArray(value) ? value[0] : value) || null;
    }
    if (config.dedupe.expression) {
      const [value] = await this.expressionPool
        .evaluate([config.dedupe.expression], {
          trigger: context,
          steps: {},
          execution: { id: '', attempt: 1 },
          flow: { id: '', name: '' },
          vars: {},
        })
        .catch(() => [undefined]);
      return value === undefined || value === null || value === '' ? null : String(value);
    }
    return null;
  }

  /** `sync` mode: the first `webhook.respond`, else the end of the run, else 202 at the timeout. */
  private async waitForResponse(
    teamId: string,
    executionId: string,
    timeoutMs: number,
  ): Promise<IngressReply> {
    const read = () =>
      this.dataSource.getRepository(ExecutionEntity).findOneBy({ id: executionId });
    const settled = (row: ExecutionEntity | null) =>
      !!row && (row.response !== null || ['succeeded', 'failed', 'canceled'].includes(row.status));
    const row = await new Promise<ExecutionEntity | null>((resolve) => {
      let done = false;
      const finish = (value: ExecutionEntity | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe();
        resolve(value);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      const unsubscribe = this.events.subscribe(
        executionId,
        () => void read().then((r) => settled(r) && finish(r)),
      );
    });
    if (!row)
      return json(202, {
        executionId,
        statusUrl: `${this.config.http.publicUrl}/api/teams/${teamId}/executions/${executionId}`,
      });
    if (row.response)
      return {
        status: row.response.status,
        headers: row.response.headers,
        body: row.response.body,
      };
    return row.status === 'succeeded'
      ? json(200, { executionId, status: row.status })
      : json(500, { executionId, status: row.status, error: row.error });
  }

  private async reject(
    flow: ResolvedTrigger['flow'],
    test: boolean,
    req: ReceivedRequest,
    reason: DeliveryRejectReason,
    detail: string,
  ) {
    await this.insertDelivery(flow, test, req, {
      outcome: 'rejected',
      reason,
      verification: detail,
    });
  }

  private async insertDelivery(
    flow: ResolvedTrigger['flow'],
    test: boolean,
    req: ReceivedRequest,
    fields: Partial<DeliveryEntity>,
  ) {
    await this.dataSource
      .getRepository(DeliveryEntity)
      .insert(this.deliveryRow(flow, test, req, fields));
  }

  private deliveryRow(
    flow: ResolvedTrigger['flow'],
    test: boolean,
    req: ReceivedRequest,
    fields: Partial<DeliveryEntity>,
  ): Partial<DeliveryEntity> {
    return {
      flowId: flow.id,
      teamId: flow.teamId,
      mode: test ? 'test' : 'production',
      method: req.method,
      path: req.path,
      headers: req.headers,
      query: req.query,
      rawBody: req.rawBody,
      contentType: req.contentType ?? null,
      sizeBytes: req.sizeBytes,
      ...fields,
    };
  }
}

/** Reads the body as bytes, giving up (and draining nothing more) past `limit`. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks, size)));
    request.on('error', reject);
  });
}
