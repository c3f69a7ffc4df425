import { defineCredential } from '../../catalog/define-node';

export const telegramBotCredential = defineCredential({
  type: 'telegram.bot',
  title: 'Telegram bot',
  description: 'A bot token from @BotFather.',
  icon: 'send',
  fields: {
    token: {
      type: 'text',
      label: 'Bot token',
      required: true,
      secret: true,
      expression: false,
      placeholder: '123456789:AA…',
    },
  },
});
