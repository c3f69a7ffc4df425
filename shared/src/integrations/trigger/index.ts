import { defineIntegration } from '../../catalog/define-node';
import { triggerWebhookNode } from './trigger-webhook.node';
import { triggerScheduleNode } from './trigger-schedule.node';
import { triggerManualNode } from './trigger-manual.node';
import { triggerPollNode } from './trigger-poll.node';

export * from './trigger-webhook.node';
export * from './secret-rotation';
export * from './webhook-auth-checks';
export * from './trigger-schedule.node';
export * from './trigger-manual.node';
export * from './trigger-poll.node';
export * from './webhook-trigger-config.schema';
export * from './presets/index';

/** Triggers: what starts a run (a trigger URL, a schedule, the Run button, a poll). */
export const triggerIntegration = defineIntegration({
  name: 'trigger',
  nodes: [triggerWebhookNode, triggerScheduleNode, triggerManualNode, triggerPollNode],
  credentials: [],
});
