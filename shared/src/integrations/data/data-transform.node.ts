import { defineNode } from '../../catalog/define-node';

export const dataTransformNode = defineNode({
  type: 'data.transform',
  version: 1,
  title: 'Transform data',
  description: 'Builds a new object; each field is a value or an expression whose type is kept.',
  category: 'data',
  icon: 'shuffle',
  props: {
    fields: { type: 'keyValue', label: 'Fields', required: true, values: 'any' },
  },
  sampleOutput: { orderId: 'ord_1042', amount: 59.9, customerEmail: 'ada@example.com' },
});
