import type { IntegrationDescription } from '../catalog/define-node';
import { dataIntegration } from './data';
import { discordIntegration } from './discord';
import { emailIntegration } from './email';
import { flowIntegration } from './flow';
import { httpIntegration } from './http';
import { logicIntegration } from './logic';
import { slackIntegration } from './slack';
import { telegramIntegration } from './telegram';
import { triggerIntegration } from './trigger';
import { webhookIntegration } from './webhook';

export * from './data';
export * from './discord';
export * from './email';
export * from './flow';
export * from './http';
export * from './logic';
export * from './slack';
export * from './telegram';
export * from './trigger';
export * from './webhook';

/** Every integration, in palette order. Adding one means adding its folder and a line here. */
export const integrations: readonly IntegrationDescription[] = [
  triggerIntegration,
  httpIntegration,
  slackIntegration,
  discordIntegration,
  telegramIntegration,
  emailIntegration,
  webhookIntegration,
  dataIntegration,
  logicIntegration,
  flowIntegration,
];
