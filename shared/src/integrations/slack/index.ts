import { defineIntegration } from '../../catalog/define-node';
import { slackMessageNode } from './slack-message.node';
import { slackWebhookCredential } from './slack-webhook.credential';
import { slackBotCredential } from './slack-bot.credential';

export * from './slack-message.node';
export * from './slack-webhook.credential';
export * from './slack-bot.credential';

/** Slack: incoming webhooks and bot tokens. */
export const slackIntegration = defineIntegration({
  name: 'slack',
  nodes: [slackMessageNode],
  credentials: [slackWebhookCredential, slackBotCredential],
});
