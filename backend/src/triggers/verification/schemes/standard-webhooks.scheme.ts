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
import type { VerificationScheme } from '../types.js';

const ID = 'webhook-id';
const TIMESTAMP = 'webhook-timestamp';
const SIGNATURE = 'webhook-signature';
const SECRET_PREFIX = 'whsec_';

/** The HMAC key of a `whsec_<base64>` secret (the prefix is optional), or undefined if not base64. */
export function standardWebhooksKey(secret: string): Buffer | undefined {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return decodeSignature(encoded, 'base64');
}

/**
 * Standard Webhooks (standardwebhooks.com): `webhook-signature` holds space-separated
 * `v1,<base64 HMAC-SHA256(key, id + "." + ts + "." + body)>` entries (other versions such as the
 * asymmetric `v1a` are ignored), `webhook-timestamp` must be within ±tolerance (default 300 s).
 */
export const standardWebhooksScheme: VerificationScheme = {
  type: 'standard-webhooks',
  verify(auth, request, options) {
    if (!auth.secret) return missingSecret();
    const key = standardWebhooksKey(auth.secret);
    if (!key) {
      return fail(
        'unauthorized',
        'Signing secret is not a whsec_<base64> Standard Webhooks secret',
      );
    }
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
    const v1 = signature.value
      .split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .map((entry) => entry.slice(3));
    if (v1.length === 0) return fail('bad_signature', `${SIGNATURE} header has no v1 signature`);

    const expected = hmac('sha256', key, `${id.value}.${timestampHeader.value}.`, request.rawBody);
    if (
      !anyDigestEquals(
        expected,
        v1.map((sig) => decodeSignature(sig, 'base64')),
      )
    ) {
      return fail(
        'bad_signature',
        v1.length === 1
          ? 'Signature does not match the id, timestamp and body'
          : `None of the ${v1.length} v1 signatures matches the id, timestamp and body`,
      );
    }
    const stale = checkTimestamp(timestamp, options.now, toleranceOf(auth.toleranceSeconds));
    return stale ?? ok('Standard Webhooks signature valid');
  },
};
