import { defineNode } from '../../catalog/define-node';

export const triggerPollNode = defineNode({
  type: 'trigger.poll',
  version: 1,
  title: 'Poll an API',
  description: 'Asks an API on a schedule and starts the flow once per new item.',
  category: 'trigger',
  icon: 'refresh-cw',
  props: {
    url: {
      type: 'text',
      label: 'URL',
      required: true,
      expression: false,
      placeholder: 'https://api.example.com/orders',
    },
    credentialId: {
      type: 'credential',
      label: 'Credential',
      credentialTypes: ['http.bearer', 'http.basic', 'http.header'],
    },
    headers: { type: 'keyValue', label: 'Headers', expression: false },
    intervalSeconds: {
      type: 'number',
      label: 'Every (seconds)',
      required: true,
      integer: true,
      min: 30,
      default: 300,
    },
    itemsPath: {
      type: 'text',
      label: 'Items path',
      description:
        'Where the list of items is in the response body; empty when the body is the list.',
      expression: false,
      placeholder: 'data.orders',
    },
    idPath: {
      type: 'text',
      label: 'Item id path',
      required: true,
      default: 'id',
      expression: false,
    },
  },
  sampleOutput: {
    item: { id: 'ord_1042', status: 'paid', total: 59.9, createdAt: '2025-01-06T08:59:12Z' },
  },
});
