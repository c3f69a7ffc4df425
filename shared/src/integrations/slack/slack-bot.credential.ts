import { defineCredential } from '../../catalog/define-node';

export const slackBotCredential = defineCredential({
  type: 'slack.bot',
  title: 'Slack bot token',
  description: 'A bot token (`xoxb-…`) used with chat.postMessage.',
  icon: 'hash',
  fields: {
    token: {
      type: 'text',
      label: 'Bot token',
      required: true,
      secret: true,
      expression: false,
      placeholder: 'xoxb-…',
    },
  },
});
