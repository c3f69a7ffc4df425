import {
  anyDigestEquals,
  checkTimestamp,
  decodeSignature,
  fail,
  hmac,
  missingSecret,
  ok,
  parseUnixSeconds,
  requireHeader,
  toleranceOf,
} from '../crypto-utils.js';
import { ed25519PublicKey, ed25519Verifies } from '../public-keys.js';
import type { VerificationResult, VerificationScheme } from '../types.js';

const ID = 'webhook-id';
const TIMESTAMP = 'webhook-timestamp';
const SIGNATURE = 'webhook-signature';
const SECRET_PREFIX = 'whsec_';
const PUBLIC_KEY_PREFIX = 'whpk_';

/** The HMAC key of a `whsec_<base64>` secret (the prefix is optional), or undefined if not base64. */
export function standardWebhooksKey(secret: string): Buffer | undefined {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return decodeSignature(encoded, 'base64');
}

/** How one signature version is checked against the signed content. */
interface SignatureVersion {
  name: 'v1' | 'v1a';
  /** True when any of the (still encoded) signatures is valid; every candidate is checked. */
  matches(signed: Buffer, signatures: string[]): boolean;
}

/** v1: base64 HMAC-SHA256 with a `whsec_` secret. */
function symmetric(secret: string): SignatureVersion | VerificationResult {
  const key = standardWebhooksKey(secret);
  if (!key) {
    return fail('unauthorized', 'Signing secret is not a whsec_<base64> Standard Webhooks secret');
  }
  return {
    name: 'v1',
    matches: (signed, signatures) =>
      anyDigestEquals(
        hmac('sha256', key, signed),
        signatures.map((sig) => decodeSignature(sig, 'base64')),
      ),
  };
}

/** v1a: base64 Ed25519 with a `whpk_<base64 32-byte key>` public key. */
function asymmetric(publicKey: string): SignatureVersion | VerificationResult {
  const raw = decodeSignature(publicKey.slice(PUBLIC_KEY_PREFIX.length), 'base64');
  const key = raw && ed25519PublicKey(raw);
  if (!key) return fail('unauthorized', 'Public key is not a whpk_<base64> Ed25519 key');
  return {
    name: 'v1a',
    matches: (signed, signatures) =>
      signatures
        .map((sig) => ed25519Verifies(key, signed, decodeSignature(sig, 'base64')))
        .includes(true),
  };
}

/**
 * Standard Webhooks (standardwebhooks.com): `webhook-signature` holds space-separated
 * `<version>,<base64 signature of id + "." + ts + "." + body>` entries. A `whsec_` secret checks
 * the `v1` (HMAC-SHA256) entries, a `whpk_` public key the `v1a` (Ed25519) ones; other versions
 * are ignored. `webhook-timestamp` must be within ±tolerance (default 300 s).
 */
export const standardWebhooksScheme: VerificationScheme = {
  type: 'standard-webhooks',
  verify(auth, request, options) {
    if (!auth.secret) return missingSecret();
    const version = auth.secret.startsWith(PUBLIC_KEY_PREFIX)
      ? asymmetric(auth.secret)
      : symmetric(auth.secret);
    if ('ok' in version) return version;

    const id = requireHeader(request, ID);
    if ('failure' in id) return id.failure;
    const timestampHeader = requireHeader(request, TIMESTAMP);
    if ('failure' in timestampHeader) return timestampHeader.failure;
    const signature = requireHeader(request, SIGNATURE);
    if ('failure' in signature) return signature.failure;

    const timestamp = parseUnixSeconds(timestampHeader.value);
    if (timestamp === undefined) {
      return fail('bad_signature', `${TIMESTAMP} header is not a Unix timestamp`);
    }
    const entryPrefix = `${version.name},`;
    const signatures = signature.value
      .split(' ')
      .filter((entry) => entry.startsWith(entryPrefix))
      .map((entry) => entry.slice(entryPrefix.length));
    if (signatures.length === 0) {
      return fail('bad_signature', `${SIGNATURE} header has no ${version.name} signature`);
    }
    const signed = Buffer.concat([
      Buffer.from(`${id.value}.${timestampHeader.value}.`, 'utf8'),
      request.rawBody,
    ]);
    if (!version.matches(signed, signatures)) {
      return fail(
        'bad_signature',
        signatures.length === 1
          ? 'Signature does not match the id, timestamp and body'
          : `None of the ${signatures.length} ${version.name} signatures matches the id, timestamp and body`,
      );
    }
    const stale = checkTimestamp(timestamp, options.now, toleranceOf(auth.toleranceSeconds));
    return stale ?? ok(`Standard Webhooks ${version.name} signature valid`);
  },
};
