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

const HEADER = 'Stripe-Signature';

/**
 * Stripe: `Stripe-Signature: t=<ts>,v1=<hex>[,v1=<hex>…][,v0=…]` where each v1 is
 * hex HMAC-SHA256(secret, ts + "." + body); any v1 matching passes (several are sent while a
 * secret is being rolled). The timestamp must be within the tolerance (default 300 s) either way.
 */
export const stripeScheme: VerificationScheme = {
  type: 'stripe',
  verify(auth, request, options) {
    if (!auth.secret) return missingSecret();
    const header = requireHeader(request, HEADER);
    if ('failure' in header) return header.failure;

    const timestamps: string[] = [];
    const v1: string[] = [];
    for (const item of header.value.split(',')) {
      const eq = item.indexOf('=');
      if (eq < 0) continue;
      const key = item.slice(0, eq).trim();
      const value = item.slice(eq + 1).trim();
      if (key === 't') timestamps.push(value);
      else if (key === 'v1') v1.push(value);
    }
    if (timestamps.length !== 1) {
      return fail('bad_signature', `${HEADER} header is malformed (expected exactly one t=)`);
    }
    const timestamp = parseUnixSeconds(timestamps[0]);
    if (timestamp === undefined) {
      return fail('bad_signature', `${HEADER} header timestamp is not a Unix timestamp`);
    }
    if (v1.length === 0) return fail('bad_signature', `${HEADER} header has no v1 signature`);

    const expected = hmac('sha256', auth.secret, `${timestamps[0]}.`, request.rawBody);
    const candidates = v1.map((sig) =>
      sig.length === 64 ? decodeSignature(sig, 'hex') : undefined,
    );
    if (!anyDigestEquals(expected, candidates)) {
      return fail(
        'bad_signature',
        v1.length === 1
          ? 'Signature does not match the timestamp and body'
          : `None of the ${v1.length} v1 signatures matches the timestamp and body`,
      );
    }
    const stale = checkTimestamp(timestamp, options.now, toleranceOf(auth.toleranceSeconds));
    return stale ?? ok('Stripe signature valid');
  },
};
