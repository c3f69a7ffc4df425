import { defineIntegration } from '../../catalog/define-node';
import { httpRequestNode } from './http-request.node';
import { httpBearerCredential } from './http-bearer.credential';
import { httpBasicCredential } from './http-basic.credential';
import { httpHeaderCredential } from './http-header.credential';

export * from './http-request.node';
export * from './http-bearer.credential';
export * from './http-basic.credential';
export * from './http-header.credential';

/** Any HTTP API, with bearer, basic or header credentials. */
export const httpIntegration = defineIntegration({
  name: 'http',
  nodes: [httpRequestNode],
  credentials: [httpBearerCredential, httpBasicCredential, httpHeaderCredential],
});
