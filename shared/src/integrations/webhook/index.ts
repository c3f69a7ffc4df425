import { defineIntegration } from '../../catalog/define-node';
import { webhookSendNode } from './webhook-send.node';
import { webhookRespondNode } from './webhook-respond.node';
import { hmacSecretCredential } from './hmac-secret.credential';

export * from './webhook-send.node';
export * from './webhook-respond.node';
export * from './webhook-respond-headers';
export * from './hmac-secret.credential';

/** Outbound signed webhooks, and the answer to a waiting trigger request. */
export const webhookIntegration = defineIntegration({
  name: 'webhook',
  nodes: [webhookSendNode, webhookRespondNode],
  credentials: [hmacSecretCredential],
});
