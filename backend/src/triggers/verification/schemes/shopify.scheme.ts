import {
  decodeSignature,
  digestEquals,
  fail,
  hmac,
  missingSecret,
  ok,
  requireHeader,
} from '../crypto-utils.js';
import type { VerificationScheme } from '../types.js';

const HEADER = 'X-Shopify-Hmac-Sha256';

/** Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(secret, body)>`. */
export const shopifyScheme: VerificationScheme = {
  type: 'shopify',
  verify(auth, request) {
    if (!auth.secret) return missingSecret();
    const header = requireHeader(request, HEADER);
    if ('failure' in header) return header.failure;
    const received = decodeSignature(header.value, 'base64');
    if (!received || received.length !== 32) {
      return fail(
        'bad_signature',
        `${HEADER} header is malformed (expected a base64 SHA-256 HMAC)`,
      );
    }
    const expected = hmac('sha256', auth.secret, request.rawBody);
    if (!digestEquals(expected, received)) {
      return fail('bad_signature', 'Signature does not match the body');
    }
    return ok('Shopify signature valid');
  },
};
