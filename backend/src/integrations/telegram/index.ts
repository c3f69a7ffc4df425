import { telegramIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { telegramMessageHandler } from './telegram-message.node.js';

export const telegramImplementation = implementIntegration(telegramIntegration, {
  handlers: [telegramMessageHandler],
  settings: {
    apiUrl: {
      env: 'TELEGRAM_API_URL',
      default: 'https://api.telegram.org',
      description: 'Base of the Telegram Bot API (point it at a stand-in for tests).',
    },
  },
});
