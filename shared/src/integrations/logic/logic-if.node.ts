import { defineNode } from '../../catalog/define-node';

export const logicIfNode = defineNode({
  type: 'logic.if',
  version: 1,
  title: 'If',
  description: 'Continues on the "true" or the "false" branch.',
  category: 'logic',
  icon: 'git-branch',
  props: {
    condition: {
      type: 'text',
      label: 'Condition',
      required: true,
      placeholder: '{{ steps.n2.status = 200 }}',
    },
  },
  outputs: ['true', 'false'],
  sampleOutput: { result: true },
});
