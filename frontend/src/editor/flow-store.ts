import type { Edge, Node, NodeChange } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FlowDefinition, FlowEdge, FlowNode } from '@hookflow/shared';

export interface NodeSize {
  width: number;
  height: number;
}

/** What the custom canvas node renders (a `type`, not an interface: React Flow wants an index signature). */
export type FlowNodeData = {
  title: string;
  nodeType: string;
  kind: 'trigger' | 'action';
};

export const FLOW_NODE_TYPE = 'flowNode';
export type CanvasNode = Node<FlowNodeData, typeof FLOW_NODE_TYPE>;

/**
 * One open flow: the definition is the source of truth; selection and measured sizes are
 * view state React Flow reports back, kept here so the derived nodes carry them.
 */
export interface FlowEditorState {
  definition: FlowDefinition;
  selectedNodeIds: string[];
  measured: Record<string, NodeSize>;
  moveNode: (nodeId: string, position: FlowNode['position']) => void;
  applyNodeChanges: (changes: NodeChange<CanvasNode>[]) => void;
}

export type FlowStore = StoreApi<FlowEditorState>;

export function createFlowStore(definition: FlowDefinition): FlowStore {
  return createStore<FlowEditorState>()((set, get) => ({
    definition,
    selectedNodeIds: [],
    measured: {},
    moveNode: (nodeId, position) =>
      set(({ definition: current }) => ({
        definition: {
          ...current,
          nodes: current.nodes.map((node) => (node.id === nodeId ? { ...node, position } : node)),
        },
      })),
    applyNodeChanges: (changes) => {
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          get().moveNode(change.id, change.position);
        } else if (change.type === 'dimensions' && change.dimensions) {
          const size = change.dimensions;
          set(({ measured }) => ({ measured: { ...measured, [change.id]: size } }));
        } else if (change.type === 'select') {
          set(({ selectedNodeIds }) => ({
            selectedNodeIds: change.selected
              ? [...selectedNodeIds.filter((id) => id !== change.id), change.id]
              : selectedNodeIds.filter((id) => id !== change.id),
          }));
        }
      }
    },
  }));
}

// Keeps `data` identical while its definition node is unchanged, so memoized nodes skip re-rendering.
const dataCache = new WeakMap<FlowNode, FlowNodeData>();

function nodeData(node: FlowNode): FlowNodeData {
  let data = dataCache.get(node);
  if (!data) {
    data = {
      title: node.name,
      nodeType: node.type,
      kind: node.type.startsWith('trigger.') ? 'trigger' : 'action',
    };
    dataCache.set(node, data);
  }
  return data;
}

export function toCanvasNodes(
  definition: FlowDefinition,
  view: Pick<FlowEditorState, 'selectedNodeIds' | 'measured'>,
): CanvasNode[] {
  return definition.nodes.map((node) => ({
    id: node.id,
    type: FLOW_NODE_TYPE,
    position: node.position,
    data: nodeData(node),
    selected: view.selectedNodeIds.includes(node.id),
    measured: view.measured[node.id],
  }));
}

export function toCanvasEdges(edges: FlowEdge[]): Edge[] {
  return edges.map(({ id, source, target, sourceHandle }) => ({
    id,
    source,
    target,
    sourceHandle,
  }));
}
