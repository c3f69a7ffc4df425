import {
  checkTimestamp,
  decodeSignature,
  fail,
  ok,
  requireSignedTimestamp,
  toleranceOf,
} from '../crypto-utils.js';
import { ed25519PublicKey, ed25519Verifies } from '../public-keys.js';
import type { VerificationScheme } from '../types.js';

const SIGNATURE = 'X-Signature-Ed25519';
const TIMESTAMP = 'X-Signature-Timestamp';

/**
 * Discord interactions: `X-Signature-Ed25519: <hex Ed25519 signature of timestamp + body>` with
 * the application's hex public key. Discord's timestamp is Unix seconds; it must be within the
 * tolerance (default 300 s) so a captured interaction cannot be replayed later.
 */
export const discordScheme: VerificationScheme = {
  type: 'discord',
  verify(auth, request, options) {
    const hexKey = auth.publicKey?.trim() ?? '';
    if (!hexKey) return fail('unauthorized', 'No public key is configured for this trigger');
    const raw = decodeSignature(hexKey, 'hex');
    const key = raw && ed25519PublicKey(raw);
    if (!key) return fail('unauthorized', 'Public key is not a 64-character hex Ed25519 key');

    const headers = requireSignedTimestamp(request, SIGNATURE, TIMESTAMP);
    if ('failure' in headers) return headers.failure;
    const { timestamp, timestampText } = headers;
    const received = decodeSignature(headers.signature, 'hex');
    if (received?.length !== 64) {
      return fail('bad_signature', `${SIGNATURE} header is malformed (expected 128 hex digits)`);
    }
    const signed = Buffer.concat([Buffer.from(timestampText, 'utf8'), request.rawBody]);
    if (!ed25519Verifies(key, signed, received)) {
      return fail('bad_signature', 'Signature does not match the timestamp and body');
    }
    const stale = checkTimestamp(timestamp, options.now, toleranceOf(auth.toleranceSeconds));
    return stale ?? ok('Discord signature valid');
  },
};
