import { webhookRespondNode } from '@hookflow/shared';
import { implementNode } from '../implement-node.js';

// Answering the waiting trigger request is no outside side effect: dry runs respond too.
export const webhookRespondHandler = implementNode(webhookRespondNode, {
  run: async ({ config }) => {
    const respond = { status: config.status, headers: { ...config.headers }, body: config.body };
    return { output: respond, respond };
  },
});
