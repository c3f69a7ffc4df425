import { defineNode } from '../../catalog/define-node';

export const flowDelayNode = defineNode({
  type: 'flow.delay',
  version: 1,
  title: 'Delay',
  description: 'Waits for a duration or until a moment, without holding a worker.',
  category: 'logic',
  icon: 'timer',
  requireOneOf: ['ms', 'until'],
  props: {
    ms: { type: 'number', label: 'Wait (ms)', integer: true, min: 0, expression: true },
    until: {
      type: 'text',
      label: 'Wait until (ISO date-time)',
      placeholder: '2025-01-06T09:00:00Z',
    },
  },
  sampleOutput: { resumedAt: '2025-01-06T09:05:00.031Z' },
});
