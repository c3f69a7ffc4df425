import { triggerPollNode } from '@hookflow/shared';
import { implementNode } from '../implement-node.js';

// The poller (backend/src/polling) starts one run per new item and puts it ({ item }) in the
// trigger body; this step shows it.
export const triggerPollHandler = implementNode(triggerPollNode, {
  run: async ({ context }) => ({ output: context.trigger.body }),
});
