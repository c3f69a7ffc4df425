import { defineCredential } from '../../catalog/define-node';

export const hmacSecretCredential = defineCredential({
  type: 'hmac.secret',
  title: 'Signing secret',
  description: 'A shared secret for signing outbound webhooks (Standard Webhooks `whsec_…`).',
  icon: 'signature',
  fields: {
    secret: { type: 'text', label: 'Secret', required: true, secret: true, expression: false },
  },
});
