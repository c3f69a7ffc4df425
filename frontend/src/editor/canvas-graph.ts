import type { Edge, Node } from '@xyflow/react';
import {
  getNodeDescription,
  type FlowDefinition,
  type FlowEdge,
  type FlowNode,
} from '@hookflow/shared';
import type { FlowEditorState } from './flow-store';

/** What the custom canvas node renders (a `type`, not an interface: React Flow wants an index signature). */
export type FlowNodeData = {
  /** The user's step name. */
  title: string;
  nodeType: string;
  /** The catalog's name for the type ("HTTP request"): shown under the step name, never the type id. */
  typeTitle: string;
  icon?: string;
  kind: 'trigger' | 'action';
  /** Named output handles (`true`/`false` of logic.if); empty means one unnamed output. */
  outputs: readonly string[];
};

export const FLOW_NODE_TYPE = 'flowNode';
export type CanvasNode = Node<FlowNodeData, typeof FLOW_NODE_TYPE>;

// Keeps `data` identical while its definition node is unchanged, so memoized nodes skip re-rendering.
const dataCache = new WeakMap<FlowNode, FlowNodeData>();

function nodeData(node: FlowNode): FlowNodeData {
  let data = dataCache.get(node);
  if (!data) {
    const description = getNodeDescription(node.type);
    data = {
      title: node.name,
      nodeType: node.type,
      typeTitle: description?.title ?? 'Unknown step type',
      icon: description?.icon,
      kind:
        description?.category === 'trigger' || node.type.startsWith('trigger.')
          ? 'trigger'
          : 'action',
      outputs: description?.outputs ?? [],
    };
    dataCache.set(node, data);
  }
  return data;
}

// Reuses the React Flow node object while its inputs are unchanged, so React Flow skips it too.
const canvasNodeCache = new WeakMap<FlowNode, CanvasNode>();

export function toCanvasNodes(
  definition: FlowDefinition,
  view: Pick<FlowEditorState, 'selectedNodeIds' | 'measured'>,
): CanvasNode[] {
  const selected = new Set(view.selectedNodeIds);
  return definition.nodes.map((node) => {
    const cached = canvasNodeCache.get(node);
    const isSelected = selected.has(node.id);
    const measured = view.measured[node.id];
    if (cached && cached.selected === isSelected && cached.measured === measured) return cached;
    const canvasNode: CanvasNode = {
      id: node.id,
      type: FLOW_NODE_TYPE,
      position: node.position,
      data: nodeData(node),
      selected: isSelected,
      measured,
    };
    canvasNodeCache.set(node, canvasNode);
    return canvasNode;
  });
}

export function toCanvasEdges(edges: FlowEdge[], selectedEdgeIds: string[] = []): Edge[] {
  return edges.map(({ id, source, target, sourceHandle }) => ({
    id,
    source,
    target,
    sourceHandle,
    selected: selectedEdgeIds.includes(id),
    ...(sourceHandle ? { label: sourceHandle } : {}),
  }));
}
