import { createDefaultDefinition, nextNodeId } from './default-definition';
import type { FlowDefinition } from './flow-definition.schema';
import { applyFlowOperation, flowOperationSchema, FlowOperationError } from './flow-operations';
import { validateFlowDefinition } from './validate-flow-definition';

function twoNodes(): FlowDefinition {
  const definition = createDefaultDefinition();
  return applyFlowOperation(
    applyFlowOperation(definition, {
      type: 'addNode',
      node: {
        id: 'n2',
        type: 'logic.filter',
        name: 'Only big',
        config: { condition: '{{ true }}' },
        position: { x: 200, y: 0 },
      },
    }),
    { type: 'addEdge', edge: { id: 'e1', source: 'n1', target: 'n2' } },
  );
}

describe(applyFlowOperation.name, () => {
  it('adds nodes and edges without mutating the input', () => {
    const before = createDefaultDefinition();
    const snapshot = structuredClone(before);
    const after = applyFlowOperation(before, {
      type: 'addNode',
      node: { id: 'n2', type: 'logic.filter', name: 'F', config: {}, position: { x: 1, y: 2 } },
    });
    expect(before).toEqual(snapshot);
    expect(after.nodes.map((n) => n.id)).toEqual(['n1', 'n2']);
  });

  it('removes a node together with its edges', () => {
    const after = applyFlowOperation(twoNodes(), { type: 'removeNode', nodeId: 'n2' });
    expect(after.nodes.map((n) => n.id)).toEqual(['n1']);
    expect(after.edges).toEqual([]);
  });

  it('moves, renames and reconfigures a node, keeping the others as they are', () => {
    const start = twoNodes();
    let definition = applyFlowOperation(start, {
      type: 'moveNode',
      nodeId: 'n2',
      position: { x: 5, y: 6 },
    });
    definition = applyFlowOperation(definition, {
      type: 'renameNode',
      nodeId: 'n2',
      name: 'Renamed',
    });
    definition = applyFlowOperation(definition, {
      type: 'updateNodeConfig',
      nodeId: 'n2',
      config: { condition: '{{ false }}' },
    });
    expect(definition.nodes[1]).toMatchObject({
      name: 'Renamed',
      position: { x: 5, y: 6 },
      config: { condition: '{{ false }}' },
    });
    expect(definition.nodes[0]).toBe(start.nodes[0]);
  });

  it("sets a node's retry settings and clears them back to the default", () => {
    const retry = { backoff: 'schedule', schedule: [5000, 300_000] } as const;
    const set = applyFlowOperation(twoNodes(), {
      type: 'setNodeRetry',
      nodeId: 'n2',
      retry: { ...retry, schedule: [...retry.schedule] },
    });
    expect(set.nodes[1].retry).toEqual(retry);
    expect(set.nodes[0].retry).toBeUndefined();

    const cleared = applyFlowOperation(set, { type: 'setNodeRetry', nodeId: 'n2', retry: null });
    expect('retry' in cleared.nodes[1]).toBe(false);
    expect(() =>
      applyFlowOperation(set, { type: 'setNodeRetry', nodeId: 'nope', retry: null }),
    ).toThrow(FlowOperationError);
  });

  it('removes edges and replaces the whole definition', () => {
    expect(applyFlowOperation(twoNodes(), { type: 'removeEdge', edgeId: 'e1' }).edges).toEqual([]);
    const replacement = createDefaultDefinition();
    expect(
      applyFlowOperation(twoNodes(), { type: 'replaceDefinition', definition: replacement }),
    ).toBe(replacement);
  });

  it('refuses operations that do not fit the definition', () => {
    const definition = twoNodes();
    const node = definition.nodes[1];
    expect(() => applyFlowOperation(definition, { type: 'addNode', node })).toThrow(
      FlowOperationError,
    );
    expect(() =>
      applyFlowOperation(definition, { type: 'renameNode', nodeId: 'nope', name: 'x' }),
    ).toThrow('Node "nope" does not exist');
    expect(() =>
      applyFlowOperation(definition, {
        type: 'addEdge',
        edge: { id: 'e2', source: 'n1', target: 'ghost' },
      }),
    ).toThrow(FlowOperationError);
    expect(() =>
      applyFlowOperation(definition, {
        type: 'addEdge',
        edge: { id: 'e1', source: 'n1', target: 'n2' },
      }),
    ).toThrow('Edge id "e1" is already used');
    expect(() => applyFlowOperation(definition, { type: 'removeEdge', edgeId: 'e7' })).toThrow(
      FlowOperationError,
    );
  });
});

describe('flowOperationSchema', () => {
  it('parses operations sent to the server and rejects unknown ones', () => {
    expect(flowOperationSchema.parse({ type: 'removeEdge', edgeId: 'e1' })).toEqual({
      type: 'removeEdge',
      edgeId: 'e1',
    });
    expect(flowOperationSchema.safeParse({ type: 'explode' }).success).toBe(false);
  });
});

describe(createDefaultDefinition.name, () => {
  it('is one webhook trigger with its defaults, and valid', () => {
    const definition = createDefaultDefinition();
    expect(definition.nodes).toHaveLength(1);
    expect(definition.nodes[0]).toMatchObject({
      type: 'trigger.webhook',
      config: { methods: ['POST'], auth: { type: 'none' } },
    });
    expect(validateFlowDefinition(definition).ok).toBe(true);
  });
});

describe(nextNodeId.name, () => {
  it('continues after the highest n<number> id', () => {
    expect(nextNodeId(twoNodes())).toBe('n3');
    expect(nextNodeId({ schemaVersion: 1, nodes: [], edges: [] })).toBe('n1');
  });
});
