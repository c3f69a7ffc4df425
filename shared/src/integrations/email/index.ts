import { defineIntegration } from '../../catalog/define-node';
import { emailSendNode } from './email-send.node';
import { smtpCredential } from './smtp.credential';

export * from './email-send.node';
export * from './smtp.credential';

/** E-mail over SMTP. */
export const emailIntegration = defineIntegration({
  name: 'email',
  nodes: [emailSendNode],
  credentials: [smtpCredential],
});
