import type { Connection, EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  applyFlowOperation,
  defaultConfig,
  getNodeDescription,
  nextNodeId,
  type FlowDefinition,
  type FlowEdge,
  type FlowIssue,
  type FlowNode,
  type FlowOperation,
  type StepRunStatus,
} from '@hookflow/shared';
import { copyNodes, pasteOperations, type Clipboard } from './clipboard';
import { layoutPositions } from './auto-layout';
import { firstOutput, isTriggerType, positionAfter, refuseNewNode } from './place-node';
import type { CanvasNode } from './canvas-graph';
import { issueText } from './issue-text';

export { FLOW_NODE_TYPE, toCanvasEdges, toCanvasNodes } from './canvas-graph';
export type { CanvasNode, FlowNodeData } from './canvas-graph';

export interface NodeSize {
  width: number;
  height: number;
}

const HISTORY_LIMIT = 100;
const COALESCE_MS = 1000;

/**
 * One open flow. The definition is the source of truth and changes only through shared
 * FlowOperations; `past`/`future` hold whole definitions for undo/redo. Selection, sizes,
 * issues and run status are view state the canvas reads with per-node selectors.
 */
export interface FlowEditorState {
  definition: FlowDefinition;
  past: FlowDefinition[];
  future: FlowDefinition[];
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  measured: Record<string, NodeSize>;
  /** Issue messages per node id, joined: a string keeps node selectors cheap to compare. */
  nodeIssues: Record<string, string>;
  issues: FlowIssue[];
  stepStatus: Record<string, StepRunStatus>;
  /** Data for the data picker and expression preview: a captured trigger request and step outputs. */
  sample: { trigger?: unknown; steps: Record<string, unknown> };
  dragging: boolean;
  /** A refusal to show the user (a second trigger); cleared by the next change or by dismissing it. */
  notice: string | null;
  /** Ops with the same `coalesceKey` within a second (typing in one field) make one undo step. */
  apply: (ops: FlowOperation[], coalesceKey?: string) => void;
  /** Adds a step at `position`; null (and a `notice`) when the flow cannot take it. */
  addNode: (type: string, position: XYPosition) => string | null;
  /** Adds a step after the selected one, connected to it; at `fallback` when none is selected. */
  addNodeAfterSelection: (type: string, fallback: XYPosition) => string | null;
  dismissNotice: () => void;
  connect: (connection: Connection) => void;
  removeElements: (nodeIds: string[], edgeIds: string[]) => void;
  copySelection: () => void;
  paste: () => void;
  undo: () => void;
  redo: () => void;
  autoLayout: () => void;
  select: (nodeIds: string[]) => void;
  setIssues: (issues: FlowIssue[]) => void;
  setStepStatus: (status: Record<string, StepRunStatus>) => void;
  setSample: (sample: Partial<FlowEditorState['sample']>) => void;
  applyNodeChanges: (changes: NodeChange<CanvasNode>[]) => void;
  applyEdgeChanges: (changes: EdgeChange[]) => void;
}

export type FlowStore = StoreApi<FlowEditorState>;

// Module scope so copy in one flow and paste in another works.
let clipboard: Clipboard | null = null;

export function createFlowStore(definition: FlowDefinition): FlowStore {
  return createStore<FlowEditorState>()((set, get) => {
    let lastCoalesce = { key: '', at: 0 };
    /** Applies operations as one undoable step (or silently, for the moves of a drag in progress). */
    const commit = (ops: FlowOperation[], record = true) => {
      if (!ops.length) return;
      const { definition: before, past } = get();
      const after = ops.reduce(applyFlowOperation, before);
      set({
        definition: after,
        notice: null,
        ...(record ? { past: [...past, before].slice(-HISTORY_LIMIT), future: [] } : {}),
      });
    };

    /** Adds one step (and its edge from `previous`) as one undo step, unless the flow refuses it. */
    const insertNode = (type: string, position: XYPosition, previous?: FlowNode) => {
      const description = getNodeDescription(type);
      if (!description) throw new Error(`Unknown node type "${type}"`);
      const current = get().definition;
      const refusal = refuseNewNode(current, type);
      if (refusal) {
        set({ notice: refusal });
        return null;
      }
      const id = nextNodeId(current);
      const ops: FlowOperation[] = [
        {
          type: 'addNode',
          node: {
            id,
            type,
            name: uniqueName(current.nodes, description.title),
            config: defaultConfig(description.props),
            position,
          },
        },
      ];
      if (previous) {
        const edge: FlowEdge = { id: nextEdgeId(current.edges), source: previous.id, target: id };
        const handle = firstOutput(previous);
        if (handle) edge.sourceHandle = handle;
        ops.push({ type: 'addEdge', edge });
      }
      commit(ops);
      set({ selectedNodeIds: [id], selectedEdgeIds: [] });
      return id;
    };

    return {
      definition,
      past: [],
      future: [],
      selectedNodeIds: [],
      selectedEdgeIds: [],
      measured: {},
      nodeIssues: {},
      issues: [],
      stepStatus: {},
      sample: { steps: {} },
      dragging: false,
      notice: null,
      apply: (ops, coalesceKey) => {
        const now = Date.now();
        const joins =
          !!coalesceKey && lastCoalesce.key === coalesceKey && now - lastCoalesce.at < COALESCE_MS;
        lastCoalesce = { key: coalesceKey ?? '', at: now };
        commit(ops, !joins);
      },
      addNode: (type, position) => insertNode(type, position),
      addNodeAfterSelection: (type, fallback) => {
        const { definition: current, selectedNodeIds, measured } = get();
        const lastSelected = selectedNodeIds[selectedNodeIds.length - 1];
        const previous = current.nodes.find((node) => node.id === lastSelected);
        if (!previous) return insertNode(type, fallback);
        // Nothing leads into a trigger: a (first) trigger goes next to the selection, unconnected.
        return insertNode(
          type,
          positionAfter(current, measured, previous),
          isTriggerType(type) ? undefined : previous,
        );
      },
      dismissNotice: () => set({ notice: null }),
      connect: ({ source, target, sourceHandle }) => {
        const { edges } = get().definition;
        const handle = sourceHandle ?? undefined;
        const exists = edges.some(
          (edge) =>
            edge.source === source && edge.target === target && edge.sourceHandle === handle,
        );
        if (exists || source === target) return;
        const edge: FlowEdge = { id: nextEdgeId(edges), source, target };
        if (handle) edge.sourceHandle = handle;
        commit([{ type: 'addEdge', edge }]);
      },
      removeElements: (nodeIds, edgeIds) => {
        const removed = new Set(nodeIds);
        // Edges of removed nodes go with them; listing them again would fail the operation.
        const edgeOps = get()
          .definition.edges.filter(
            (edge) =>
              edgeIds.includes(edge.id) && !removed.has(edge.source) && !removed.has(edge.target),
          )
          .map((edge): FlowOperation => ({ type: 'removeEdge', edgeId: edge.id }));
        const nodeOps = nodeIds.map((nodeId): FlowOperation => ({ type: 'removeNode', nodeId }));
        commit([...edgeOps, ...nodeOps]);
        set(({ selectedNodeIds, selectedEdgeIds }) => ({
          selectedNodeIds: selectedNodeIds.filter((id) => !removed.has(id)),
          selectedEdgeIds: selectedEdgeIds.filter((id) => !edgeIds.includes(id)),
        }));
      },
      copySelection: () => {
        const { definition: current, selectedNodeIds } = get();
        if (selectedNodeIds.length) clipboard = copyNodes(current, selectedNodeIds);
      },
      paste: () => {
        if (!clipboard) return;
        const { ops, nodeIds } = pasteOperations(get().definition, clipboard);
        commit(ops);
        set({ selectedNodeIds: nodeIds, selectedEdgeIds: [] });
      },
      undo: () => {
        const { past, future, definition: current } = get();
        if (!past.length) return;
        set({
          definition: past[past.length - 1],
          past: past.slice(0, -1),
          future: [current, ...future],
        });
      },
      redo: () => {
        const { past, future, definition: current } = get();
        if (!future.length) return;
        set({ definition: future[0], past: [...past, current], future: future.slice(1) });
      },
      autoLayout: () => {
        const { definition: current, measured } = get();
        const positions = layoutPositions(current, measured);
        commit(
          current.nodes
            .filter((node) => positions[node.id])
            .map((node) => ({ type: 'moveNode', nodeId: node.id, position: positions[node.id] })),
        );
      },
      select: (nodeIds) => set({ selectedNodeIds: nodeIds, selectedEdgeIds: [] }),
      setIssues: (issues) => set({ issues, nodeIssues: groupIssues(issues) }),
      setStepStatus: (stepStatus) => set({ stepStatus }),
      setSample: (sample) => set(({ sample: current }) => ({ sample: { ...current, ...sample } })),
      applyNodeChanges: (changes) => {
        const moves: FlowOperation[] = [];
        const wasDragging = get().dragging;
        let dragging = wasDragging;
        for (const change of changes) {
          if (change.type === 'position') {
            dragging = change.dragging ?? false;
            if (change.position) {
              moves.push({ type: 'moveNode', nodeId: change.id, position: change.position });
            }
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
        // A drag is one undo step: the definition before it goes to history once, at its start.
        commit(moves, !wasDragging);
        if (dragging !== wasDragging) set({ dragging });
      },
      applyEdgeChanges: (changes) => {
        for (const change of changes) {
          if (change.type !== 'select') continue;
          set(({ selectedEdgeIds }) => ({
            selectedEdgeIds: change.selected
              ? [...selectedEdgeIds.filter((id) => id !== change.id), change.id]
              : selectedEdgeIds.filter((id) => id !== change.id),
          }));
        }
      },
    };
  });
}

function uniqueName(nodes: FlowNode[], title: string): string {
  const names = new Set(nodes.map((node) => node.name));
  if (!names.has(title)) return title;
  let n = 2;
  while (names.has(`${title} ${n}`)) n++;
  return `${title} ${n}`;
}

export function nextEdgeId(edges: FlowEdge[], offset = 0): string {
  const numbers = edges.map((edge) => Number(/^e(\d+)$/.exec(edge.id)?.[1] ?? 0));
  return `e${Math.max(0, ...numbers) + 1 + offset}`;
}

function groupIssues(issues: FlowIssue[]): Record<string, string> {
  const grouped: Record<string, string> = {};
  for (const issue of issues) {
    if (!issue.nodeId) continue;
    const text = issueText(issue);
    grouped[issue.nodeId] = grouped[issue.nodeId] ? `${grouped[issue.nodeId]}\n${text}` : text;
  }
  return grouped;
}
