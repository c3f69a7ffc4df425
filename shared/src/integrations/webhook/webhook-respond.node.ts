import { defineNode } from '../../catalog/define-node';

export const webhookRespondNode = defineNode({
  type: 'webhook.respond',
  version: 1,
  title: 'Respond to webhook',
  description: 'Answers the waiting trigger request (response mode "sync").',
  category: 'action',
  icon: 'reply',
  props: {
    status: {
      type: 'number',
      label: 'Status',
      required: true,
      integer: true,
      min: 100,
      max: 599,
      default: 200,
      expression: true,
    },
    headers: { type: 'keyValue', label: 'Headers' },
    body: { type: 'json', label: 'Body' },
  },
  sampleOutput: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: { ok: true },
  },
});
