import { logicIfNode } from '@hookflow/shared';
import { isTruthy } from './condition.js';
import { implementNode } from '../implement-node.js';

export const logicIfHandler = implementNode(logicIfNode, {
  run: async ({ config }) => {
    const result = isTruthy(config.condition);
    return { output: { result }, handle: String(result) };
  },
});
