import { defineIntegration } from '../../catalog/define-node';
import { logicFilterNode } from './logic-filter.node';
import { logicIfNode } from './logic-if.node';

export * from './logic-filter.node';
export * from './logic-if.node';

/** Conditions: filter a branch or split it in two. */
export const logicIntegration = defineIntegration({
  name: 'logic',
  nodes: [logicFilterNode, logicIfNode],
  credentials: [],
});
