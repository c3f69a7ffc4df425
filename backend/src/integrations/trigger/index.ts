import { triggerIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { triggerWebhookHandler } from './trigger-webhook.node.js';
import { triggerScheduleHandler } from './trigger-schedule.node.js';
import { triggerManualHandler } from './trigger-manual.node.js';
import { triggerPollHandler } from './trigger-poll.node.js';

export const triggerImplementation = implementIntegration(triggerIntegration, {
  handlers: [
    triggerWebhookHandler,
    triggerScheduleHandler,
    triggerManualHandler,
    triggerPollHandler,
  ],
});
