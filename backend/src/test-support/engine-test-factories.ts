import type { ExpressionContext, FlowDefinition, FlowNode } from '@hookflow/shared';

// Test data builders shared by the engine specs (not exported from index.ts).
const types: Record<string, string> = {
  t: 'trigger.webhook',
  if: 'logic.if',
  filter: 'logic.filter',
};

export function aNode(id: string, overrides: Partial<FlowNode> = {}): FlowNode {
  return {
    id,
    type: types[id] ?? 'http.request',
    name: id,
    config: {},
    position: { x: 0, y: 0 },
    ...overrides,
  };
}

/** `aFlow('t>a', 'if>b:true', 'if>c:false')`: nodes are created from the edges' ends. */
export function aFlow(...edges: string[]): FlowDefinition {
  const parsed = edges.map((text, i) => {
    const [source, rest] = text.split('>');
    const [target, sourceHandle] = rest.split(':');
    return { id: `e${i}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) };
  });
  const ids = [...new Set(parsed.flatMap((e) => [e.source, e.target]))];
  return { schemaVersion: 1, nodes: ids.map((id) => aNode(id)), edges: parsed };
}

export function aContext(overrides: Partial<ExpressionContext> = {}): ExpressionContext {
  return {
    trigger: {
      method: 'POST',
      path: '/hooks/k',
      headers: {},
      query: {},
      body: { id: 7, amount: 120, tags: ['a', 'b'] },
      rawBody: '',
    },
    steps: { n2: { status: 201 } },
    execution: { id: 'exe_1', attempt: 1 },
    flow: { id: 'flow_1', name: 'Orders' },
    vars: {},
    ...overrides,
  };
}
