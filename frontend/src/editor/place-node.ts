import type { XYPosition } from '@xyflow/react';
import { getNodeDescription, type FlowDefinition, type FlowNode } from '@hookflow/shared';
import type { NodeSize } from './flow-store';

const GAP_X = 80;
const GAP_Y = 40;
// Before React Flow has measured a node (just added, or off screen).
const DEFAULT_SIZE: NodeSize = { width: 220, height: 70 };

export const isTriggerType = (type: string) => getNodeDescription(type)?.category === 'trigger';

export function findTrigger(definition: FlowDefinition): FlowNode | undefined {
  return definition.nodes.find((node) => isTriggerType(node.type));
}

/** Why a node of `type` cannot be added, in words for the user; null when it can. */
export function refuseNewNode(definition: FlowDefinition, type: string): string | null {
  const trigger = isTriggerType(type) ? findTrigger(definition) : undefined;
  if (!trigger) return null;
  const title = getNodeDescription(type)?.title ?? type;
  return (
    `A flow starts with one trigger, and “${trigger.name}” already starts this one. ` +
    `To start it with ${title} instead, delete “${trigger.name}” first.`
  );
}

/**
 * Where a step added "after" `previous` goes: to its right, below the steps it already leads to,
 * so a click in the palette never drops a node on top of another.
 */
export function positionAfter(
  definition: FlowDefinition,
  measured: Record<string, NodeSize>,
  previous: FlowNode,
): XYPosition {
  const size = measured[previous.id] ?? DEFAULT_SIZE;
  const children = definition.edges.filter((edge) => edge.source === previous.id).length;
  return {
    x: previous.position.x + size.width + GAP_X,
    y: previous.position.y + children * (size.height + GAP_Y),
  };
}

/** The handle a new edge leaves `previous` by: the first named output (logic.if's `true`), if any. */
export function firstOutput(previous: FlowNode): string | undefined {
  return getNodeDescription(previous.type)?.outputs?.[0];
}
