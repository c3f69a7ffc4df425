import { discordIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { discordMessageHandler } from './discord-message.node.js';

export const discordImplementation = implementIntegration(discordIntegration, {
  handlers: [discordMessageHandler],
});
