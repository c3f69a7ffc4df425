import { ok } from '../crypto-utils.js';
import type { VerificationScheme } from '../types.js';

/** No authentication: every request is accepted (the trigger key is the only secret). */
export const noneScheme: VerificationScheme = {
  type: 'none',
  verify: () => ok('No authentication configured'),
};
