import { webhookIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { webhookSendHandler } from './webhook-send.node.js';
import { webhookRespondHandler } from './webhook-respond.node.js';

export const webhookImplementation = implementIntegration(webhookIntegration, {
  handlers: [webhookSendHandler, webhookRespondHandler],
});
