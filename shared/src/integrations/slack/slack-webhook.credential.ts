import { defineCredential } from '../../catalog/define-node';

export const slackWebhookCredential = defineCredential({
  type: 'slack.webhook',
  title: 'Slack incoming webhook',
  description: 'An incoming-webhook URL; posts to the channel it was created for.',
  icon: 'hash',
  fields: {
    // The URL embeds the token, so it is as secret as one.
    url: {
      type: 'text',
      label: 'Webhook URL',
      required: true,
      secret: true,
      expression: false,
      placeholder: 'https://hooks.slack.com/services/T000/B000/XXXX',
    },
  },
});
