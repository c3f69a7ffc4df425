import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import type {
  VerificationFailureReason,
  VerificationRequest,
  VerificationResult,
} from './types.js';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type SignatureEncoding = 'hex' | 'base64';

export const DEFAULT_TOLERANCE_SECONDS = 300;

export function ok(detail: string): VerificationResult {
  return { ok: true, detail };
}

export function fail(reason: VerificationFailureReason, detail: string): VerificationResult {
  return { ok: false, reason, detail };
}

/** HMAC over the given bytes; strings are taken as UTF-8. */
export function hmac(
  algorithm: HmacAlgorithm,
  key: string | Buffer,
  ...parts: (string | Buffer)[]
): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

export function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/**
 * Constant-time comparison of a computed digest with received bytes. The digest length is fixed by
 * the algorithm (public), so a length mismatch can be answered early without leaking anything.
 */
export function digestEquals(expected: Buffer, received: Buffer | undefined): boolean {
  if (!received || received.length !== expected.length) return false;
  return timingSafeEqual(expected, received);
}

/** True when any candidate matches; every candidate is compared (no early exit). */
export function anyDigestEquals(expected: Buffer, candidates: (Buffer | undefined)[]): boolean {
  let matched = false;
  for (const candidate of candidates) {
    if (digestEquals(expected, candidate)) matched = true;
  }
  return matched;
}

/**
 * Constant-time comparison of two secrets of arbitrary length (header tokens, passwords): both
 * sides are hashed to 32 bytes first so neither the length nor a prefix leaks through timing.
 */
export function secretEquals(expected: string, received: string): boolean {
  return timingSafeEqual(sha256(expected), sha256(received));
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strictly decodes a signature; undefined when the text is not valid in that encoding. */
export function decodeSignature(text: string, encoding: SignatureEncoding): Buffer | undefined {
  if (text.length === 0) return undefined;
  if (encoding === 'hex') return HEX.test(text) ? Buffer.from(text, 'hex') : undefined;
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

export type HeaderLookup =
  { kind: 'missing' } | { kind: 'duplicate' } | { kind: 'present'; value: string };

/** Reads one header (name in any case). A header sent several times with different values is ambiguous. */
export function readHeader(request: VerificationRequest, name: string): HeaderLookup {
  const raw = request.headers[name.toLowerCase()];
  if (raw === undefined) return { kind: 'missing' };
  if (Array.isArray(raw)) {
    if (raw.length === 0) return { kind: 'missing' };
    if (raw.some((value) => value !== raw[0])) return { kind: 'duplicate' };
    return { kind: 'present', value: raw[0].trim() };
  }
  const value = raw.trim();
  return value === '' ? { kind: 'missing' } : { kind: 'present', value };
}

/**
 * Reads a required header; on failure returns the result to give back
 * (`<Name> header missing` → unauthorized, sent twice → bad_signature).
 */
export function requireHeader(
  request: VerificationRequest,
  displayName: string,
): { value: string } | { failure: VerificationResult } {
  const header = readHeader(request, displayName);
  switch (header.kind) {
    case 'missing':
      return { failure: fail('unauthorized', `${displayName} header missing`) };
    case 'duplicate':
      return { failure: fail('bad_signature', `${displayName} header sent more than once`) };
    case 'present':
      return { value: header.value };
  }
}

/**
 * The two headers of a scheme that signs "timestamp + body": the signature, then the timestamp
 * (as sent, and as Unix seconds); a missing or doubled header or a timestamp that is not Unix
 * seconds gives the result to give back.
 */
export function requireSignedTimestamp(
  request: VerificationRequest,
  signatureHeader: string,
  timestampHeader: string,
):
  | { signature: string; timestampText: string; timestamp: number }
  | { failure: VerificationResult } {
  const signature = requireHeader(request, signatureHeader);
  if ('failure' in signature) return signature;
  const timestampText = requireHeader(request, timestampHeader);
  if ('failure' in timestampText) return timestampText;
  const timestamp = parseUnixSeconds(timestampText.value);
  if (timestamp === undefined) {
    return { failure: fail('bad_signature', `${timestampHeader} header is not a Unix timestamp`) };
  }
  return { signature: signature.value, timestampText: timestampText.value, timestamp };
}

/** Unix seconds; undefined unless the text is a plain non-negative integer. */
export function parseUnixSeconds(text: string): number | undefined {
  if (!/^\d{1,12}$/.test(text)) return undefined;
  return Number(text);
}

export function toleranceOf(configured: number | undefined): number {
  return typeof configured === 'number' && Number.isFinite(configured) && configured > 0
    ? configured
    : DEFAULT_TOLERANCE_SECONDS;
}

/** Undefined when `timestamp` (Unix seconds) is within ±tolerance of now, else the failure. */
export function checkTimestamp(
  timestamp: number,
  now: Date,
  toleranceSeconds: number,
): VerificationResult | undefined {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const age = nowSeconds - timestamp;
  if (age > toleranceSeconds) {
    return fail(
      'stale_timestamp',
      `Timestamp ${timestamp} is ${age} s old (tolerance ${toleranceSeconds} s)`,
    );
  }
  if (-age > toleranceSeconds) {
    return fail(
      'stale_timestamp',
      `Timestamp ${timestamp} is ${-age} s in the future (tolerance ${toleranceSeconds} s)`,
    );
  }
  return undefined;
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function missingSecret(): VerificationResult {
  return fail('unauthorized', 'No signing secret is configured for this trigger');
}
