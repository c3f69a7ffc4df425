import { defineCredential } from '../../catalog/define-node';

export const discordWebhookCredential = defineCredential({
  type: 'discord.webhook',
  title: 'Discord webhook',
  description: 'A channel webhook URL from Discord’s integration settings.',
  icon: 'message-circle',
  fields: {
    // The URL embeds the token, so it is as secret as one.
    url: {
      type: 'text',
      label: 'Webhook URL',
      required: true,
      secret: true,
      expression: false,
      placeholder: 'https://discord.com/api/webhooks/…',
    },
  },
});
