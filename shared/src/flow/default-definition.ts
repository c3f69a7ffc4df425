import { triggerWebhookNode } from '../integrations/trigger/trigger-webhook.node';
import { defaultConfig } from '../catalog/props';
import type { FlowDefinition } from './flow-definition.schema';

/** What a new flow starts with: a webhook trigger and nothing else. */
export function createDefaultDefinition(): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: 'n1',
        type: triggerWebhookNode.type,
        name: 'Webhook',
        config: defaultConfig(triggerWebhookNode.props),
        position: { x: 0, y: 0 },
      },
    ],
    edges: [],
  };
}

/** The next free id of the form `n<number>`: short, readable in `{{ steps.n3.status }}`. */
export function nextNodeId(definition: FlowDefinition): string {
  const numbers = definition.nodes.map((node) => Number(/^n(\d+)$/.exec(node.id)?.[1] ?? 0));
  return `n${Math.max(0, ...numbers) + 1}`;
}
