import { defineNode } from '../../catalog/define-node';

export const emailSendNode = defineNode({
  type: 'email.send',
  version: 1,
  title: 'Send e-mail',
  description: 'Sends an e-mail through an SMTP server.',
  category: 'action',
  icon: 'mail',
  requireOneOf: ['text', 'html'],
  props: {
    credentialId: {
      type: 'credential',
      label: 'SMTP server',
      required: true,
      credentialTypes: ['smtp'],
    },
    to: { type: 'text', label: 'To', required: true, placeholder: '{{ trigger.body.email }}' },
    subject: { type: 'text', label: 'Subject', required: true },
    text: { type: 'textarea', label: 'Text body' },
    html: { type: 'code', language: 'html', label: 'HTML body' },
  },
  sampleOutput: {
    messageId: '<3b1c9f2e-7a41-4d8b@example.com>',
    accepted: ['ada@example.com'],
    rejected: [],
  },
});
