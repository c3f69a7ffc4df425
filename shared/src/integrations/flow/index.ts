import { defineIntegration } from '../../catalog/define-node';
import { flowDelayNode } from './flow-delay.node';

export * from './flow-delay.node';

/** Control over when the rest of a branch runs. */
export const flowIntegration = defineIntegration({
  name: 'flow',
  nodes: [flowDelayNode],
  credentials: [],
});
