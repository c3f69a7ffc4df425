import { fail, ok, requireHeader, secretEquals } from '../crypto-utils.js';
import type { VerificationScheme } from '../types.js';

/** Header token: the configured header must carry exactly the configured value. */
export const headerScheme: VerificationScheme = {
  type: 'header',
  verify(auth, request) {
    const name = auth.header?.trim();
    if (!name || !auth.value) {
      return fail('unauthorized', 'Header token authentication is not fully configured');
    }
    const header = requireHeader(request, name);
    if ('failure' in header) return header.failure;
    if (!secretEquals(auth.value, header.value)) {
      return fail('unauthorized', `${name} header value does not match`);
    }
    return ok(`${name} header token valid`);
  },
};
