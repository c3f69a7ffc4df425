import { defineNode } from '../../catalog/define-node';

export const webhookSendNode = defineNode({
  type: 'webhook.send',
  version: 1,
  title: 'Send webhook',
  description:
    'POSTs an event signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).',
  category: 'action',
  icon: 'send',
  requireOneOf: ['secret', 'credentialId'],
  props: {
    url: {
      type: 'text',
      label: 'URL',
      required: true,
      placeholder: 'https://partner.example.com/webhooks',
    },
    credentialId: { type: 'credential', label: 'Signing secret', credentialTypes: ['hmac.secret'] },
    secret: {
      type: 'text',
      label: 'Secret',
      description: 'Prefer a stored credential.',
      secret: true,
      expression: false,
    },
    eventType: { type: 'text', label: 'Event type', required: true, placeholder: 'order.paid' },
    payload: { type: 'json', label: 'Payload', required: true },
  },
  // Svix's schedule, the Standard Webhooks reference: a receiver may be down for a day.
  retry: {
    backoff: 'schedule',
    schedule: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
  },
  sampleOutput: {
    status: 200,
    webhookId: 'msg_2b7Qh1F3tTz9',
    headers: { 'content-type': 'application/json' },
    body: { received: true },
  },
});
