import { triggerManualNode } from '@hookflow/shared';
import { implementNode } from '../implement-node.js';

export const triggerManualHandler = implementNode(triggerManualNode, {
  run: async ({ context: { trigger } }) => {
    const { method, path, headers, query, body } = trigger;
    return { output: { method, path, headers, query, body } };
  },
});
