import { createHmac } from 'node:crypto';

import type {
  TriggerAuthConfig,
  VerificationRequest,
  VerificationResult,
} from '../triggers/verification/types.js';
import { verifyTriggerAuth } from '../triggers/verification/verify-trigger-auth.js';

/**
 * Test helpers: the fixed clock, requests and independent HMAC computations for the specs.
 * A string detail must match exactly, a RegExp must match somewhere.
 */
export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const NOW_S = Math.floor(NOW.getTime() / 1000);

export function request(
  headers: Record<string, string | string[] | undefined>,
  body: string | Buffer = '',
  extra: Partial<Pick<VerificationRequest, 'method' | 'url'>> = {},
): VerificationRequest {
  return {
    method: extra.method ?? 'POST',
    url: extra.url ?? 'https://hooks.example.com/hooks/abc123',
    headers,
    rawBody: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  };
}

export function verify(
  auth: TriggerAuthConfig,
  req: VerificationRequest,
  now: Date = NOW,
): VerificationResult {
  return verifyTriggerAuth(auth, req, { now });
}

export function hmacHex(algorithm: string, key: string | Buffer, data: string | Buffer): string {
  return createHmac(algorithm, key).update(data).digest('hex');
}

export function hmacBase64(algorithm: string, key: string | Buffer, data: string | Buffer): string {
  return createHmac(algorithm, key).update(data).digest('base64');
}

export function rejected(
  reason: 'unauthorized' | 'bad_signature' | 'stale_timestamp',
  detail?: string | RegExp,
): { ok: false; reason: string; detail: unknown } {
  const expected: unknown =
    detail === undefined
      ? expect.any(String)
      : typeof detail === 'string'
        ? detail
        : expect.stringMatching(detail);
  return { ok: false, reason, detail: expected };
}
