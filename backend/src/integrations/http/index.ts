import { httpIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { httpRequestHandler } from './http-request.node.js';

export const httpImplementation = implementIntegration(httpIntegration, {
  handlers: [httpRequestHandler],
});
