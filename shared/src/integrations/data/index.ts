import { defineIntegration } from '../../catalog/define-node';
import { dataTransformNode } from './data-transform.node';

export * from './data-transform.node';

/** Reshaping data between steps. */
export const dataIntegration = defineIntegration({
  name: 'data',
  nodes: [dataTransformNode],
  credentials: [],
});
