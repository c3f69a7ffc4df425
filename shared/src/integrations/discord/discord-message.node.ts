import { defineNode } from '../../catalog/define-node';

export const discordMessageNode = defineNode({
  type: 'discord.message',
  version: 1,
  title: 'Discord message',
  description: 'Posts a message to a Discord channel webhook.',
  category: 'integration',
  icon: 'message-circle',
  requireOneOf: ['credentialId', 'webhookUrl'],
  props: {
    credentialId: {
      type: 'credential',
      label: 'Discord webhook',
      credentialTypes: ['discord.webhook'],
    },
    webhookUrl: {
      type: 'text',
      label: 'Webhook URL',
      description: 'Prefer a stored credential; the URL embeds a token.',
      secret: true,
      expression: false,
    },
    content: { type: 'textarea', label: 'Content', required: true },
    username: { type: 'text', label: 'Username override' },
  },
  sampleOutput: {
    id: '1325923470123456789',
    channel_id: '1187654321098765432',
    content: 'Payment received: 59.90 EUR',
  },
});
