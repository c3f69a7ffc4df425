import { defineNode } from '../../catalog/define-node';

export const triggerManualNode = defineNode({
  type: 'trigger.manual',
  version: 1,
  title: 'Manual run',
  description: 'Starts the flow from the editor or the run API with a payload.',
  category: 'trigger',
  icon: 'play',
  props: {},
  sampleOutput: { body: { orderId: 'ord_1042', total: 59.9 } },
});
