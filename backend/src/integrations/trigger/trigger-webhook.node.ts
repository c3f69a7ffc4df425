import { triggerWebhookNode } from '@hookflow/shared';
import { implementNode } from '../implement-node.js';

// The ingress has verified and recorded the request; the trigger step only exposes it.
export const triggerWebhookHandler = implementNode(triggerWebhookNode, {
  run: async ({ context: { trigger } }) => {
    const { method, path, headers, query, body, rawBody } = trigger;
    return { output: { method, path, headers, query, body, rawBody } };
  },
});
