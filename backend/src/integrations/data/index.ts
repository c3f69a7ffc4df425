import { dataIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { dataTransformHandler } from './data-transform.node.js';

export const dataImplementation = implementIntegration(dataIntegration, {
  handlers: [dataTransformHandler],
});
