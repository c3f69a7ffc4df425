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

const HEADER = 'X-Hub-Signature-256';

/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`. */
export const githubScheme: VerificationScheme = {
  type: 'github',
  verify(auth, request) {
    if (!auth.secret) return missingSecret();
    const header = requireHeader(request, HEADER);
    if ('failure' in header) return header.failure;
    const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.value);
    if (!match)
      return fail('bad_signature', `${HEADER} header is malformed (expected sha256=<hex>)`);
    const expected = hmac('sha256', auth.secret, request.rawBody);
    if (!digestEquals(expected, decodeSignature(match[1], 'hex'))) {
      return fail('bad_signature', 'Signature does not match the body');
    }
    return ok('GitHub signature valid');
  },
};
