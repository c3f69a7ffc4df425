import { triggerScheduleNode } from '@hookflow/shared';
import { implementNode } from '../implement-node.js';

// The scheduler puts the tick ({ scheduledAt, firedAt, timezone }) in the trigger body.
export const triggerScheduleHandler = implementNode(triggerScheduleNode, {
  run: async ({ context }) => ({ output: context.trigger.body }),
});
