import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  describeIssues,
  eventFilterDecision,
  presetDedupeKey,
  type DeliveryRejectReason,
  type TriggerRequestContext,
  type WebhookTriggerConfig,
} from '@hookflow/shared';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { evaluateOrderingKey } from '../engine/index.js';
import { DRAFT_CANNOT_RUN } from '../flows/draft-issues.js';
import { ExpressionPool } from '../expressions/expression-pool.js';
import {
  DeliveryRecorder,
  UnstorableDelivery,
  type DeliveryRow,
  type RecordResult,
} from './delivery-recorder.js';
import {
  bodyTimedOut,
  bodyTooLarge,
  headGates,
  signatureGate,
  type Rejection,
  type RequestHead,
} from './ingress-gates.js';
import { errorReply, jsonReply, type IngressReply } from './ingress-reply.js';
import { OldKeyRequestLog, type RetiredKey } from './old-key-requests.js';
import { RateLimiter } from './rate-limiter.js';
import { readBody } from './request-body.js';
import { SyncReplyWaiter } from './sync-reply.js';
import {
  MalformedBodyError,
  parseBody,
  queryOf,
  redactHeaders,
  triggerContext,
  unstorableQuery,
} from './trigger-request.js';
import { TriggerResolver, type ResolvedTrigger, type TriggerProblem } from './trigger-resolver.js';
import { handshakeResponse, type VerificationSources } from './verification/index.js';
import { VERIFICATION_SOURCES } from './verification-sources.js';

export type { IngressReply } from './ingress-reply.js';

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const TRIGGER_KEY = /^[A-Za-z0-9_-]{1,128}$/;
/** How long a sender is asked to wait before retrying a delivery to a disabled flow. */
export const DISABLED_RETRY_AFTER_SECONDS = 300;

// A known key whose flow cannot run now: answered, and recorded with the reason, so the inspector
// can say why a sender's delivery started nothing.
interface Problem {
  status: number;
  error: string;
  message: string;
  reason: DeliveryRejectReason;
  headers?: Record<string, string>;
}
const conflict = (message: string, reason: DeliveryRejectReason): Problem => ({
  status: 409,
  error: 'Conflict',
  message,
  reason,
});
const PROBLEMS: Record<TriggerProblem, Problem> = {
  // Not 410 Gone: some senders delete a webhook for good on a 410. A 503 with Retry-After makes
  // them retry, so deliveries resume once the flow is enabled again.
  disabled: {
    status: 503,
    error: 'Service Unavailable',
    message: 'This flow is disabled; retry later',
    reason: 'flow_disabled',
    headers: { 'Retry-After': String(DISABLED_RETRY_AFTER_SECONDS) },
  },
  unpublished: conflict(
    'This flow has no published version yet: publish it, or call its test URL',
    'flow_unpublished',
  ),
  'not-webhook': conflict('This flow does not start with a webhook trigger', 'not_webhook_trigger'),
  misconfigured: conflict(
    "The draft's webhook trigger settings are incomplete; fix them in the editor",
    'trigger_misconfigured',
  ),
  'invalid-draft': conflict(DRAFT_CANNOT_RUN, 'draft_invalid'),
};

const unavailable = () =>
  errorReply(503, 'Service Unavailable', 'The delivery could not be recorded; retry later', {
    'Retry-After': '5',
  });

/** One request to a known trigger key, as its delivery row records it. */
class ReceivedRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;

  constructor(
    readonly request: IncomingMessage,
    readonly ip: string,
    readonly flow: ResolvedTrigger['flow'],
    readonly test: boolean,
    secretHeader: string | undefined | null,
  ) {
    this.url = new URL(request.url ?? '/', 'http://hookflow.local');
    this.method = (request.method ?? 'GET').toUpperCase();
    this.headers = redactHeaders(request.headers, secretHeader);
  }

  get rawHeaders(): IncomingHttpHeaders {
    return this.request.headers;
  }

  row(
    fields: Pick<DeliveryRow, 'outcome' | 'reason' | 'verification'> & Partial<DeliveryRow>,
    rawBody: Buffer = Buffer.alloc(0),
  ): DeliveryRow {
    return {
      id: randomUUID(),
      flowId: this.flow.id,
      teamId: this.flow.teamId,
      mode: this.test ? 'test' : 'production',
      method: this.method,
      path: this.url.pathname,
      headers: this.headers,
      query: queryOf(this.url),
      rawBody,
      contentType: this.request.headers['content-type'] ?? null,
      sizeBytes: rawBody.length,
      ...fields,
    };
  }
}

/**
 * The webhook ingress (docs/architecture.md §3): gates, then record durably, then queue. Every request that
 * reaches a known trigger key becomes a Delivery row, whatever the outcome; a 2xx is only sent
 * once the delivery and its execution are committed, and 503 when they could not be.
 */
@Injectable()
export class TriggerIngressService {
  private readonly logger = new Logger(TriggerIngressService.name);
  private readonly gates = headGates(new RateLimiter());

  constructor(
    @Inject(TriggerResolver) private readonly triggers: TriggerResolver,
    @Inject(DeliveryRecorder) private readonly recorder: DeliveryRecorder,
    @Inject(SyncReplyWaiter) private readonly syncReplies: SyncReplyWaiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ExpressionPool) private readonly expressionPool: ExpressionPool,
    @Inject(VERIFICATION_SOURCES) private readonly verificationSources: VerificationSources,
    @Inject(OldKeyRequestLog) private readonly oldKeys: OldKeyRequestLog,
  ) {}

  async receive(
    key: string,
    test: boolean,
    request: IncomingMessage,
    ip: string,
  ): Promise<IngressReply> {
    // Keys are base64url; anything else (a decoded %00 included) is unknown without a query.
    if (!TRIGGER_KEY.test(key)) return errorReply(404, 'Not Found', 'Not Found');
    try {
      const lookup = await this.triggers.lookup(key, test);
      if (!lookup.found) {
        if (lookup.retired) await this.recordOldKeyRequest(lookup.retired, request, test);
        return errorReply(404, 'Not Found', 'Not Found');
      }
      if (lookup.problem) {
        // Without the trigger's settings (disabled flow…) its auth header is unknown: hide all such.
        const req = new ReceivedRequest(request, ip, lookup.flow, test, null);
        const { status, error, message: summary, reason, headers } = PROBLEMS[lookup.problem];
        const { issues } = lookup;
        const message = issues?.length ? `${summary}: ${describeIssues(issues)}` : summary;
        const read = await this.readBody(request, DEFAULT_MAX_BODY_BYTES);
        await this.recorder.record(
          req.row(
            { outcome: 'rejected', reason, verification: message },
            read.ok ? read.body : undefined,
          ),
        );
        const reply = errorReply(status, error, message, headers);
        if (issues?.length) reply.body = { ...(reply.body as object), issues };
        return { ...reply, closeConnection: !read.ok };
      }
      const req = new ReceivedRequest(request, ip, lookup.flow, test, lookup.config.auth.header);
      return await this.accept(lookup, req);
    } catch (problem) {
      if (problem instanceof UnstorableDelivery)
        return errorReply(400, 'Bad Request', `The request cannot be stored: ${problem.message}`);
      // The database (or the key lookup) is unreachable: never 2xx, never a 500 page.
      this.logger.warn(`trigger request not recorded: ${(problem as Error).message}`);
      return unavailable();
    }
  }

  /** The gates in order; the first rejection is recorded and answered. */
  private async accept(trigger: ResolvedTrigger, req: ReceivedRequest): Promise<IngressReply> {
    const { config } = trigger;
    const head: RequestHead = {
      method: req.method,
      ip: req.ip,
      headers: req.rawHeaders,
      rateKey: `${trigger.flow.id}:${req.test}`,
      maxBodyBytes: Math.min(
        config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        this.config.hooks.maxBodyBytes,
      ),
    };
    for (const gate of this.gates) {
      const rejection = gate(config, head);
      if (rejection) return this.reject(req, rejection);
    }
    const read = await this.readBody(req.request, head.maxBodyBytes);
    if (!read.ok)
      return this.reject(
        req,
        read.problem === 'too_large'
          ? bodyTooLarge(head.maxBodyBytes, read.received)
          : bodyTimedOut(this.config.hooks.bodyTimeoutMs, read.received),
      );
    const rawBody = read.body;
    const signature = await signatureGate(
      config,
      {
        method: req.method,
        url: this.config.http.hooksUrl + req.url.pathname + req.url.search,
        headers: req.rawHeaders,
        rawBody,
      },
      new Date(),
      this.verificationSources,
    );
    if ('reason' in signature) return this.reject(req, signature, rawBody);

    const contentType = req.request.headers['content-type'];
    const handshake = handshakeResponse(config.auth, rawBody, contentType, signature.signingSecret);
    if (handshake) {
      await this.recorder.record(
        req.row(
          {
            outcome: 'accepted',
            reason: null,
            verification: `${signature.detail}; answered the URL handshake`,
          },
          rawBody,
        ),
      );
      return {
        status: handshake.status,
        headers: { 'Content-Type': handshake.contentType },
        body: handshake.body,
        raw: true,
      };
    }

    let body: unknown;
    try {
      const badQuery = unstorableQuery(req.url);
      if (badQuery) throw new MalformedBodyError(badQuery);
      body = parseBody(rawBody, contentType);
    } catch (problem) {
      if (!(problem instanceof MalformedBodyError)) throw problem;
      return this.reject(
        req,
        {
          reason: 'malformed_body',
          detail: problem.message,
          reply: errorReply(400, 'Bad Request', problem.message),
        },
        rawBody,
      );
    }
    // The provider preset's event filter: in memory, before anything is written.
    const filter = eventFilterDecision(config, { headers: req.rawHeaders, body });
    if (filter && !filter.passes)
      return this.filtered(req, rawBody, signature.detail, filter.event);
    const context = triggerContext(
      { method: req.method, path: req.url.pathname, headers: req.headers, query: queryOf(req.url) },
      rawBody,
      body,
      contentType,
    );
    return this.record(trigger, req, rawBody, context, signature.detail);
  }

  /** An event the trigger does not want: recorded, answered 200 so the sender does not retry. */
  private async filtered(
    req: ReceivedRequest,
    rawBody: Buffer,
    verification: string,
    event: string | null,
  ): Promise<IngressReply> {
    const detail =
      event === null
        ? 'the request names no event the filter lets through'
        : `event "${event}" is not in the trigger's event filter`;
    await this.recorder.record(
      req.row(
        { outcome: 'filtered', reason: 'filtered', verification: `${verification}; ${detail}` },
        rawBody,
      ),
    );
    return jsonReply(200, { filtered: true, event });
  }

  /** The delivery and its execution, committed together before the caller hears 2xx. */
  private async record(
    trigger: ResolvedTrigger,
    req: ReceivedRequest,
    rawBody: Buffer,
    context: TriggerRequestContext,
    verification: string,
  ): Promise<IngressReply> {
    const { flow, version, config } = trigger;
    const dedupeKey = await this.dedupeKey(config, context, req.rawHeaders);
    // Evaluated before writing so the write stays short; a failing expression gives no key.
    const orderingKey = await evaluateOrderingKey(
      config.orderingKey,
      context,
      flow,
      this.expressionPool.evaluate,
    );
    const execution = { id: randomUUID(), version, trigger: context, orderingKey };
    const row = req.row(
      {
        outcome: 'accepted',
        reason: null,
        verification,
        dedupeKey,
        dedupeTtlSeconds: dedupeKey ? (config.dedupe?.ttlSeconds ?? 604_800) : undefined,
        execution,
      },
      rawBody,
    );
    // Listening before the run can start, so a fast run's answer is not missed.
    const pending =
      config.response.mode === 'sync'
        ? this.syncReplies.watch(flow.teamId, execution.id, config.response.timeoutMs)
        : undefined;
    let recorded: RecordResult;
    try {
      recorded = await this.recorder.record(row);
    } catch (problem) {
      pending?.cancel();
      throw problem;
    }
    if (recorded.duplicate) {
      pending?.cancel();
      return jsonReply(200, { executionId: recorded.executionId, duplicate: true });
    }
    return pending ? pending.reply() : jsonReply(202, { executionId: execution.id });
  }

  private async dedupeKey(
    config: WebhookTriggerConfig,
    context: TriggerRequestContext,
    headers: IncomingHttpHeaders,
  ): Promise<string | null> {
    if (!config.dedupe) return presetDedupeKey(config, { headers, body: context.body });
    if (config.dedupe.header) {
      const value = headers[config.dedupe.header.toLowerCase()];
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

  /** Best effort: the sender gets the same bare 404 whether or not this could be written. */
  private async recordOldKeyRequest(retired: RetiredKey, request: IncomingMessage, test: boolean) {
    try {
      await this.oldKeys.record(retired, request, test);
    } catch (problem) {
      this.logger.warn(
        `request to a retired trigger key not recorded: ${(problem as Error).message}`,
      );
    }
  }

  private readBody(request: IncomingMessage, limit: number) {
    return readBody(
      request,
      Math.min(limit, this.config.hooks.maxBodyBytes),
      this.config.hooks.bodyTimeoutMs,
    );
  }

  private async reject(
    req: ReceivedRequest,
    rejection: Rejection,
    rawBody?: Buffer,
  ): Promise<IngressReply> {
    const row = req.row(
      { outcome: 'rejected', reason: rejection.reason, verification: rejection.detail },
      rawBody,
    );
    if (rejection.sizeBytes !== undefined) row.sizeBytes = rejection.sizeBytes;
    await this.recorder.record(row);
    return rejection.reply;
  }
}
