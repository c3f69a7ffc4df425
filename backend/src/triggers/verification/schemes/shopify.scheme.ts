import { bodyHmacScheme } from './body-hmac.scheme.js';

/** Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(secret, body)>`. */
export const shopifyScheme = bodyHmacScheme({
  type: 'shopify',
  provider: 'Shopify',
  header: 'X-Shopify-Hmac-Sha256',
  prefix: '',
  encoding: 'base64',
});
