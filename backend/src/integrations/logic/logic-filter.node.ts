import { logicFilterNode } from '@hookflow/shared';
import { isTruthy } from './condition.js';
import { implementNode } from '../implement-node.js';

export const logicFilterHandler = implementNode(logicFilterNode, {
  run: async ({ config }) => {
    const passed = isTruthy(config.condition);
    return { output: { passed }, stop: !passed };
  },
});
