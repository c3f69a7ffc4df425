import type { FlowDefinition } from '@hookflow/shared';
import { createFlowStore, toCanvasEdges, toCanvasNodes } from './flow-store';

const definition: FlowDefinition = {
  schemaVersion: 1,
  nodes: [
    { id: 'hook', type: 'trigger.webhook', name: 'Webhook', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'check',
      type: 'logic.branch',
      name: 'Is paid?',
      config: { path: 'status' },
      position: { x: 260, y: 0 },
    },
    {
      id: 'mail',
      type: 'action.email',
      name: 'Send receipt',
      config: {},
      position: { x: 520, y: -60 },
    },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'check' },
    { id: 'e2', source: 'check', target: 'mail', sourceHandle: 'true' },
  ],
};

describe('flow store derivation', () => {
  it('turns definition nodes into React Flow nodes of the custom type', () => {
    const nodes = toCanvasNodes(definition, {
      selectedNodeIds: ['check'],
      measured: { hook: { width: 180, height: 64 } },
    });

    expect(nodes).toEqual([
      {
        id: 'hook',
        type: 'flowNode',
        position: { x: 0, y: 0 },
        data: { title: 'Webhook', nodeType: 'trigger.webhook', kind: 'trigger' },
        selected: false,
        measured: { width: 180, height: 64 },
      },
      {
        id: 'check',
        type: 'flowNode',
        position: { x: 260, y: 0 },
        data: { title: 'Is paid?', nodeType: 'logic.branch', kind: 'action' },
        selected: true,
        measured: undefined,
      },
      expect.objectContaining({ id: 'mail', position: { x: 520, y: -60 }, selected: false }),
    ]);
  });

  it('turns definition edges into React Flow edges, keeping the source handle', () => {
    expect(toCanvasEdges(definition.edges)).toEqual([
      { id: 'e1', source: 'hook', target: 'check', sourceHandle: undefined },
      { id: 'e2', source: 'check', target: 'mail', sourceHandle: 'true' },
    ]);
  });

  it('moves nodes in the definition and keeps unchanged node data identical', () => {
    const store = createFlowStore(definition);
    const before = toCanvasNodes(store.getState().definition, store.getState());

    store
      .getState()
      .applyNodeChanges([
        { type: 'position', id: 'mail', position: { x: 600, y: 40 }, dragging: true },
      ]);

    const state = store.getState();
    expect(state.definition.nodes.find((node) => node.id === 'mail')?.position).toEqual({
      x: 600,
      y: 40,
    });
    expect(definition.nodes[2].position).toEqual({ x: 520, y: -60 });
    const after = toCanvasNodes(state.definition, state);
    expect(after[0].data).toBe(before[0].data);
    expect(after[2].position).toEqual({ x: 600, y: 40 });
  });

  it('keeps selection and measured sizes that React Flow reports', () => {
    const store = createFlowStore(definition);

    store.getState().applyNodeChanges([
      { type: 'select', id: 'hook', selected: true },
      { type: 'select', id: 'mail', selected: true },
      { type: 'dimensions', id: 'hook', dimensions: { width: 200, height: 70 } },
    ]);
    store.getState().applyNodeChanges([{ type: 'select', id: 'hook', selected: false }]);

    const state = store.getState();
    expect(state.selectedNodeIds).toEqual(['mail']);
    expect(state.measured).toEqual({ hook: { width: 200, height: 70 } });
    expect(state.definition).toBe(definition);
  });
});
