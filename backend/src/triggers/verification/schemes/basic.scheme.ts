import { fail, ok, requireHeader, secretEquals } from '../crypto-utils.js';
import type { VerificationScheme } from '../types.js';

const BASIC = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})$/i;

/** HTTP Basic authentication (RFC 7617): `Authorization: Basic base64(username:password)`. */
export const basicScheme: VerificationScheme = {
  type: 'basic',
  verify(auth, request) {
    if (auth.username === undefined || auth.password === undefined) {
      return fail('unauthorized', 'Basic authentication is not fully configured');
    }
    const header = requireHeader(request, 'Authorization');
    if ('failure' in header) return header.failure;
    const match = BASIC.exec(header.value);
    if (!match) return fail('unauthorized', 'Authorization header is not Basic credentials');
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return fail('unauthorized', 'Basic credentials have no username:password pair');
    // Both comparisons always run so the timing does not tell which part was wrong.
    const userOk = secretEquals(auth.username, decoded.slice(0, colon));
    const passwordOk = secretEquals(auth.password, decoded.slice(colon + 1));
    if (!(userOk && passwordOk)) return fail('unauthorized', 'Username or password does not match');
    return ok('Basic credentials valid');
  },
};
