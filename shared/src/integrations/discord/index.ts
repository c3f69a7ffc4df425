import { defineIntegration } from '../../catalog/define-node';
import { discordMessageNode } from './discord-message.node';
import { discordWebhookCredential } from './discord-webhook.credential';

export * from './discord-message.node';
export * from './discord-webhook.credential';

/** Discord channel webhooks. */
export const discordIntegration = defineIntegration({
  name: 'discord',
  nodes: [discordMessageNode],
  credentials: [discordWebhookCredential],
});
