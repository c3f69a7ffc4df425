import {
  checkTimestamp,
  decodeSignature,
  fail,
  ok,
  requireSignedTimestamp,
  toleranceOf,
} from '../crypto-utils.js';
import { ecdsaSha256Verifies, p256PublicKey } from '../public-keys.js';
import type { VerificationScheme } from '../types.js';

const SIGNATURE = 'X-Twilio-Email-Event-Webhook-Signature';
const TIMESTAMP = 'X-Twilio-Email-Event-Webhook-Timestamp';

/**
 * SendGrid signed Event Webhook: the signature header holds a base64 DER ECDSA P-256 / SHA-256
 * signature of timestamp + raw body; the verification key SendGrid shows is base64 DER (SPKI).
 * The timestamp must be within the tolerance (default 300 s).
 */
export const sendgridScheme: VerificationScheme = {
  type: 'sendgrid',
  verify(auth, request, options) {
    const encodedKey = auth.publicKey?.replace(/\s+/g, '') ?? '';
    if (!encodedKey) return fail('unauthorized', 'No public key is configured for this trigger');
    const der = decodeSignature(encodedKey, 'base64');
    const key = der && p256PublicKey(der);
    if (!key) {
      return fail('unauthorized', 'Public key is not a base64 ECDSA P-256 verification key');
    }

    const headers = requireSignedTimestamp(request, SIGNATURE, TIMESTAMP);
    if ('failure' in headers) return headers.failure;
    const { timestamp, timestampText } = headers;
    const received = decodeSignature(headers.signature, 'base64');
    if (!received) return fail('bad_signature', `${SIGNATURE} header is not base64 encoded`);
    const signed = Buffer.concat([Buffer.from(timestampText, 'utf8'), request.rawBody]);
    if (!ecdsaSha256Verifies(key, signed, received)) {
      return fail('bad_signature', 'Signature does not match the timestamp and body');
    }
    const stale = checkTimestamp(timestamp, options.now, toleranceOf(auth.toleranceSeconds));
    return stale ?? ok('SendGrid signature valid');
  },
};
