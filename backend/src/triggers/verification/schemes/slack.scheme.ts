import {
  checkTimestamp,
  decodeSignature,
  digestEquals,
  fail,
  hmac,
  missingSecret,
  ok,
  parseUnixSeconds,
  requireHeader,
  toleranceOf,
} from '../crypto-utils.js';
import type { VerificationScheme } from '../types.js';

const SIGNATURE = 'X-Slack-Signature';
const TIMESTAMP = 'X-Slack-Request-Timestamp';

/**
 * Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256(secret, "v0:" + ts + ":" + body)>` with
 * `X-Slack-Request-Timestamp: ts` within the tolerance (default 300 s).
 */
export const slackScheme: VerificationScheme = {
  type: 'slack',
  verify(auth, request, options) {
    if (!auth.secret) return missingSecret();
    const signature = requireHeader(request, SIGNATURE);
    if ('failure' in signature) return signature.failure;
    const timestampHeader = requireHeader(request, TIMESTAMP);
    if ('failure' in timestampHeader) return timestampHeader.failure;
    const timestamp = parseUnixSeconds(timestampHeader.value);
    if (timestamp === undefined) {
      return fail('bad_signature', `${TIMESTAMP} header is not a Unix timestamp`);
    }
    const match = /^v0=([0-9a-fA-F]{64})$/.exec(signature.value);
    if (!match)
      return fail('bad_signature', `${SIGNATURE} header is malformed (expected v0=<hex>)`);
    const expected = hmac('sha256', auth.secret, `v0:${timestampHeader.value}:`, request.rawBody);
    if (!digestEquals(expected, decodeSignature(match[1], 'hex'))) {
      return fail('bad_signature', 'Signature does not match the timestamp and body');
    }
    const stale = checkTimestamp(timestamp, options.now, toleranceOf(auth.toleranceSeconds));
    return stale ?? ok('Slack signature valid');
  },
};
