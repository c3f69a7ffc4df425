import { emailIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { emailSendHandler } from './email-send.node.js';

export const emailImplementation = implementIntegration(emailIntegration, {
  handlers: [emailSendHandler],
});
