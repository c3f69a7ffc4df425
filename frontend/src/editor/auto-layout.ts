import dagre from '@dagrejs/dagre';
import type { FlowDefinition } from '@hookflow/shared';
import type { NodeSize } from './flow-store';

const DEFAULT_SIZE: NodeSize = { width: 200, height: 70 };

/** Left-to-right layered layout (dagre); returns top-left positions as React Flow expects. */
export function layoutPositions(
  definition: FlowDefinition,
  measured: Record<string, NodeSize>,
): Record<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of definition.nodes) {
    graph.setNode(node.id, { ...(measured[node.id] ?? DEFAULT_SIZE) });
  }
  for (const edge of definition.edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const node of definition.nodes) {
    const laid = graph.node(node.id);
    const size = measured[node.id] ?? DEFAULT_SIZE;
    positions[node.id] = {
      x: Math.round(laid.x - size.width / 2),
      y: Math.round(laid.y - size.height / 2),
    };
  }
  return positions;
}
