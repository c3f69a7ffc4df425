import { bodyHmacScheme } from './body-hmac.scheme.js';

/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`. */
export const githubScheme = bodyHmacScheme({
  type: 'github',
  provider: 'GitHub',
  header: 'X-Hub-Signature-256',
  prefix: 'sha256=',
  encoding: 'hex',
});
