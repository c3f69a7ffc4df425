import { createHmac, generateKeyPairSync, sign } from 'node:crypto';

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

/** A fresh Ed25519 key pair: the raw 32-byte public key and a signer, as providers hold them. */
export function ed25519Pair(): { publicKey: Buffer; sign(data: string | Buffer): Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    publicKey: Buffer.from(jwk.x as string, 'base64url'),
    sign: (data) => sign(null, Buffer.from(data), privateKey),
  };
}

/** A fresh ECDSA P-256 key pair: the base64 DER (SPKI) public key and a DER signer (SHA-256). */
export function p256Pair(): { publicKey: string; sign(data: string | Buffer): Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    sign: (data) => sign('sha256', Buffer.from(data), privateKey),
  };
}
