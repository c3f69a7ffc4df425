import { defineNode } from '../../catalog/define-node';

export const logicFilterNode = defineNode({
  type: 'logic.filter',
  version: 1,
  title: 'Filter',
  description: 'Continues only when the condition is truthy; otherwise the run ends here.',
  category: 'logic',
  icon: 'filter',
  props: {
    condition: {
      type: 'text',
      label: 'Condition',
      required: true,
      placeholder: '{{ trigger.body.amount > 100 }}',
    },
  },
  sampleOutput: { passed: true },
});
