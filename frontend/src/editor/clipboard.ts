import {
  isTriggerType,
  nextNodeId,
  type FlowDefinition,
  type FlowEdge,
  type FlowNode,
  type FlowOperation,
} from '@hookflow/shared';

/** Copied steps with the edges between them; triggers stay behind (a flow has exactly one). */
export interface Clipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const PASTE_OFFSET = 40;

export function copyNodes(definition: FlowDefinition, nodeIds: string[]): Clipboard {
  const ids = new Set(nodeIds);
  const nodes = definition.nodes.filter((node) => ids.has(node.id) && !isTriggerType(node.type));
  const kept = new Set(nodes.map((node) => node.id));
  return {
    nodes: structuredClone(nodes),
    edges: definition.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)),
  };
}

/** Operations adding a copy of the clipboard under fresh ids, shifted so it does not cover the original. */
export function pasteOperations(
  definition: FlowDefinition,
  clipboard: Clipboard,
): { ops: FlowOperation[]; nodeIds: string[] } {
  let working = definition;
  const idMap = new Map<string, string>();
  const ops: FlowOperation[] = [];
  for (const node of clipboard.nodes) {
    const id = nextNodeId(working);
    idMap.set(node.id, id);
    const copy: FlowNode = {
      ...structuredClone(node),
      id,
      position: { x: node.position.x + PASTE_OFFSET, y: node.position.y + PASTE_OFFSET },
    };
    working = { ...working, nodes: [...working.nodes, copy] };
    ops.push({ type: 'addNode', node: copy });
  }
  const numbers = definition.edges.map((edge) => Number(/^e(\d+)$/.exec(edge.id)?.[1] ?? 0));
  let nextEdge = Math.max(0, ...numbers) + 1;
  for (const edge of clipboard.edges) {
    const copy: FlowEdge = {
      ...edge,
      id: `e${nextEdge++}`,
      source: idMap.get(edge.source)!,
      target: idMap.get(edge.target)!,
    };
    ops.push({ type: 'addEdge', edge: copy });
  }
  return { ops, nodeIds: [...idMap.values()] };
}
