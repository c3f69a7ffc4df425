import {
  getNodeDescription,
  isTriggerType,
  type FlowDefinition,
  type FlowEdge,
  type FlowNode,
} from '@hookflow/shared';

/** Read-only index over a validated flow definition, built once per flow version. */
export class FlowGraph {
  private constructor(
    readonly trigger: FlowNode,
    private readonly nodes: ReadonlyMap<string, FlowNode>,
    private readonly outgoingEdges: ReadonlyMap<string, readonly FlowEdge[]>,
    private readonly incomingEdges: ReadonlyMap<string, readonly FlowEdge[]>,
    /** Every node id, sources before targets; ties keep definition order. */
    readonly order: readonly string[],
    private readonly reachableIds: ReadonlySet<string>,
  ) {}

  static from(definition: FlowDefinition): FlowGraph {
    const nodes = new Map(definition.nodes.map((node) => [node.id, node]));
    const trigger = definition.nodes.find((node) => isTriggerType(node.type));
    if (!trigger) throw new Error('Flow definition has no trigger node');
    const outgoing = new Map<string, FlowEdge[]>(definition.nodes.map((n) => [n.id, []]));
    const incoming = new Map<string, FlowEdge[]>(definition.nodes.map((n) => [n.id, []]));
    for (const edge of definition.edges) {
      outgoing.get(edge.source)?.push(edge);
      incoming.get(edge.target)?.push(edge);
    }
    const order = topologicalOrder(definition.nodes, outgoing, incoming);
    const reachable = new Set([trigger.id, ...descendants(trigger.id, outgoing)]);
    return new FlowGraph(trigger, nodes, outgoing, incoming, order, reachable);
  }

  node(id: string): FlowNode {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`Flow has no node "${id}"`);
    return node;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  outgoing(id: string): readonly FlowEdge[] {
    return this.outgoingEdges.get(id) ?? [];
  }

  incoming(id: string): readonly FlowEdge[] {
    return this.incomingEdges.get(id) ?? [];
  }

  /** Whether the node can run at all: nodes not connected to the trigger never do. */
  isReachable(id: string): boolean {
    return this.reachableIds.has(id);
  }

  /** Named output handles (`['true', 'false']` for `logic.if`), or undefined for one output. */
  outputsOf(id: string): readonly string[] | undefined {
    return getNodeDescription(this.node(id).type)?.outputs;
  }

  /** Every node reachable from `id` along edges, `id` itself excluded. */
  downstreamOf(id: string): Set<string> {
    return descendants(id, this.outgoingEdges);
  }
}

function descendants(id: string, outgoing: ReadonlyMap<string, readonly FlowEdge[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const edge of outgoing.get(stack.pop()!) ?? []) {
      if (!seen.has(edge.target)) {
        seen.add(edge.target);
        stack.push(edge.target);
      }
    }
  }
  seen.delete(id);
  return seen;
}

// Kahn's algorithm; the definition is validated acyclic, so every node is emitted.
function topologicalOrder(
  nodes: readonly FlowNode[],
  outgoing: ReadonlyMap<string, readonly FlowEdge[]>,
  incoming: ReadonlyMap<string, readonly FlowEdge[]>,
): string[] {
  const pending = new Map(nodes.map((n) => [n.id, incoming.get(n.id)?.length ?? 0]));
  const queue = nodes.filter((n) => pending.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const edge of outgoing.get(id) ?? []) {
      const left = pending.get(edge.target)! - 1;
      pending.set(edge.target, left);
      if (left === 0) queue.push(edge.target);
    }
  }
  if (order.length !== nodes.length) throw new Error('Flow definition has a cycle');
  return order;
}
