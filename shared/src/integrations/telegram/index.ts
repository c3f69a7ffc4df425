import { defineIntegration } from '../../catalog/define-node';
import { telegramBotCredential } from './telegram-bot.credential';
import { telegramMessageNode } from './telegram-message.node';

export * from './telegram-bot.credential';
export * from './telegram-message.node';

/** Telegram bots (Bot API). */
export const telegramIntegration = defineIntegration({
  name: 'telegram',
  nodes: [telegramMessageNode],
  credentials: [telegramBotCredential],
});
