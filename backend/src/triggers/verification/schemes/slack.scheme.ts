import {
  checkTimestamp,
  decodeSignature,
  digestEquals,
  fail,
  hmac,
  missingSecret,
  ok,
  requireSignedTimestamp,
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
    const headers = requireSignedTimestamp(request, SIGNATURE, TIMESTAMP);
    if ('failure' in headers) return headers.failure;
    const { timestamp, timestampText } = headers;
    const match = /^v0=([0-9a-fA-F]{64})$/.exec(headers.signature);
    if (!match)
      return fail('bad_signature', `${SIGNATURE} header is malformed (expected v0=<hex>)`);
    const expected = hmac('sha256', auth.secret, `v0:${timestampText}:`, request.rawBody);
    if (!digestEquals(expected, decodeSignature(match[1], 'hex'))) {
      return fail('bad_signature', 'Signature does not match the timestamp and body');
    }
    const stale = checkTimestamp(timestamp, options.now, toleranceOf(auth.toleranceSeconds));
    return stale ?? ok('Slack signature valid');
  },
};
