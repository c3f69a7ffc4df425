import type { DeliveryRejectReason, WebhookTriggerConfig } from '@hookflow/shared';
import type { IncomingHttpHeaders } from 'node:http';
import { errorReply, type IngressReply } from './ingress-reply.js';
import type { RateLimiter } from './rate-limiter.js';
import { isIpAllowed, verifyDelivery, type VerificationSources } from './verification/index.js';

/** Why a request is turned away: what the delivery records and what the caller hears. */
export interface Rejection {
  reason: DeliveryRejectReason;
  detail: string;
  reply: IngressReply;
  /** The size to record when it is not the body read (a declared length over the limit). */
  sizeBytes?: number;
}

/** What the gates before the body look at. */
export interface RequestHead {
  method: string;
  ip: string;
  headers: IncomingHttpHeaders;
  /** `<flow id>:<test>`: whose rate window. */
  rateKey: string;
  maxBodyBytes: number;
}

type HeadGate = (config: WebhookTriggerConfig, head: RequestHead) => Rejection | undefined;

export const methodGate: HeadGate = (config, { method }) => {
  if (config.methods.includes(method as (typeof config.methods)[number])) return undefined;
  const allowed = config.methods.join(', ');
  return {
    reason: 'method_not_allowed',
    detail: `${method} is not one of ${allowed}`,
    reply: errorReply(405, 'Method Not Allowed', `This trigger accepts ${allowed}`, {
      Allow: allowed,
    }),
  };
};

export const ipGate: HeadGate = (config, { ip }) =>
  config.allowIps?.length && !isIpAllowed(ip, config.allowIps)
    ? {
        reason: 'ip_not_allowed',
        detail: `${ip} is not in the allowlist`,
        reply: errorReply(403, 'Forbidden', 'Forbidden'),
      }
    : undefined;

export const rateGate =
  (limiter: RateLimiter): HeadGate =>
  (config, { rateKey }) => {
    if (!config.rateLimit) return undefined;
    const { perMinute } = config.rateLimit;
    const retryAfter = limiter.take(rateKey, perMinute);
    if (!retryAfter) return undefined;
    return {
      reason: 'rate_limited',
      detail: `More than ${perMinute} requests this minute`,
      reply: errorReply(
        429,
        'Too Many Requests',
        `Rate limit of ${perMinute} requests per minute exceeded`,
        { 'Retry-After': String(retryAfter) },
      ),
    };
  };

/** The body's declared size; one that grows past the limit while read is `bodyTooLarge`. */
export const sizeGate: HeadGate = (_config, { headers, maxBodyBytes }) => {
  const declared = Number(headers['content-length'] ?? 0);
  return declared > maxBodyBytes ? bodyTooLarge(maxBodyBytes, declared) : undefined;
};

export const bodyTooLarge = (maxBodyBytes: number, sizeBytes: number): Rejection => ({
  reason: 'too_large',
  detail: `Body of at least ${sizeBytes} bytes exceeds ${maxBodyBytes}`,
  reply: {
    ...errorReply(413, 'Payload Too Large', `Body exceeds ${maxBodyBytes} bytes`),
    closeConnection: true,
  },
  sizeBytes,
});

export const bodyTimedOut = (timeoutMs: number, sizeBytes: number): Rejection => {
  const message = `Body not received in full within ${timeoutMs} ms`;
  return {
    reason: 'body_timeout',
    detail: message,
    reply: { ...errorReply(408, 'Request Timeout', message), closeConnection: true },
    sizeBytes,
  };
};

/**
 * The signature over the body as received; the detail says which check passed, `signingSecret`
 * which secret matched (a handshake that answers with an HMAC must use the sender's).
 */
export async function signatureGate(
  config: WebhookTriggerConfig,
  request: { method: string; url: string; headers: IncomingHttpHeaders; rawBody: Buffer },
  now: Date,
  sources: VerificationSources,
): Promise<Rejection | { detail: string; signingSecret?: string }> {
  const verification = await verifyDelivery(config.auth, request, now, sources);
  if (verification.ok) {
    const { secret, previousSecret } = config.auth;
    return {
      detail: verification.detail,
      signingSecret: verification.withPreviousSecret ? previousSecret : secret,
    };
  }
  return {
    reason: verification.reason,
    detail: verification.detail,
    reply: errorReply(
      401,
      'Unauthorized',
      verification.reason === 'stale_timestamp' ? 'Stale or future timestamp' : 'Unauthorized',
    ),
  };
}

/** The gates every request passes before its body is read, in order. */
export const headGates = (limiter: RateLimiter): HeadGate[] => [
  methodGate,
  ipGate,
  rateGate(limiter),
  sizeGate,
];
