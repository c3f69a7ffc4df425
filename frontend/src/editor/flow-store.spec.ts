import type { FlowDefinition } from '@hookflow/shared';
import { createFlowStore, toCanvasEdges, toCanvasNodes } from './flow-store';

function definition(): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'n1', type: 'trigger.webhook', name: 'Webhook', config: {}, position: { x: 0, y: 0 } },
      {
        id: 'n2',
        type: 'logic.if',
        name: 'Is paid?',
        config: { condition: '{{ true }}' },
        position: { x: 260, y: 0 },
      },
    ],
    edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
  };
}

const ids = (def: FlowDefinition) => def.nodes.map((node) => node.id);

describe('flow store', () => {
  it('derives React Flow nodes with named outputs and keeps unchanged nodes identical', () => {
    const store = createFlowStore(definition());
    const before = toCanvasNodes(store.getState().definition, store.getState());
    expect(before[1]).toMatchObject({
      id: 'n2',
      type: 'flowNode',
      data: {
        title: 'Is paid?',
        nodeType: 'logic.if',
        typeTitle: 'If',
        icon: 'git-branch',
        kind: 'action',
        outputs: ['true', 'false'],
      },
      selected: false,
    });

    store
      .getState()
      .applyNodeChanges([
        { type: 'position', id: 'n2', position: { x: 300, y: 40 }, dragging: false },
      ]);

    const after = toCanvasNodes(store.getState().definition, store.getState());
    expect(after[0]).toBe(before[0]);
    expect(after[1].position).toEqual({ x: 300, y: 40 });
    expect(
      toCanvasEdges([{ id: 'e2', source: 'n2', target: 'n3', sourceHandle: 'true' }])[0],
    ).toMatchObject({
      sourceHandle: 'true',
      label: 'true',
    });
  });

  it('adds a node with its defaults, a unique name and the next id, selected', () => {
    const store = createFlowStore(definition());
    const id = store.getState().addNode('http.request', { x: 10, y: 20 });
    store.getState().addNode('http.request', { x: 10, y: 120 });

    const { definition: def, selectedNodeIds } = store.getState();
    expect(id).toBe('n3');
    expect(def.nodes[2]).toMatchObject({
      id: 'n3',
      name: 'HTTP request',
      config: { method: 'GET', timeoutMs: 30_000 },
    });
    expect(def.nodes[3]).toMatchObject({ id: 'n4', name: 'HTTP request 2' });
    expect(selectedNodeIds).toEqual(['n4']);
  });

  it('connects handles once, keeping the branch handle', () => {
    const store = createFlowStore(definition());
    store.getState().addNode('http.request', { x: 0, y: 0 });
    const connection = { source: 'n2', target: 'n3', sourceHandle: 'true', targetHandle: null };
    store.getState().connect(connection);
    store.getState().connect(connection);

    expect(store.getState().definition.edges).toEqual([
      { id: 'e1', source: 'n1', target: 'n2' },
      { id: 'e2', source: 'n2', target: 'n3', sourceHandle: 'true' },
    ]);
  });

  it('removes nodes with their edges in one undoable step, and redoes it', () => {
    const store = createFlowStore(definition());
    store.getState().removeElements(['n2'], ['e1']);
    expect(ids(store.getState().definition)).toEqual(['n1']);
    expect(store.getState().definition.edges).toEqual([]);

    store.getState().undo();
    expect(store.getState().definition).toEqual(definition());
    store.getState().redo();
    expect(ids(store.getState().definition)).toEqual(['n1']);
    store.getState().undo();
    store.getState().undo();
    expect(ids(store.getState().definition)).toEqual(['n1', 'n2']);
  });

  it('records a whole drag as one undo step', () => {
    const store = createFlowStore(definition());
    const move = (x: number, dragging: boolean) =>
      store
        .getState()
        .applyNodeChanges([{ type: 'position', id: 'n2', position: { x, y: 0 }, dragging }]);
    move(270, true);
    move(280, true);
    move(290, false);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().definition.nodes[1].position).toEqual({ x: 260, y: 0 });
  });

  it('merges typing into one field into one undo step', () => {
    const store = createFlowStore(definition());
    const type = (condition: string) =>
      store
        .getState()
        .apply([{ type: 'updateNodeConfig', nodeId: 'n2', config: { condition } }], 'config:n2');
    type('{{ 1');
    type('{{ 1 }}');
    expect(store.getState().past).toHaveLength(1);
  });

  it('pastes copied steps under new ids with their inner edges, leaving the trigger behind', () => {
    const store = createFlowStore(definition());
    store.getState().addNode('http.request', { x: 0, y: 100 });
    store
      .getState()
      .connect({ source: 'n2', target: 'n3', sourceHandle: 'false', targetHandle: null });
    store.getState().select(['n1', 'n2', 'n3']);
    store.getState().copySelection();
    store.getState().paste();

    const { definition: def, selectedNodeIds } = store.getState();
    expect(ids(def)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(def.nodes[3]).toMatchObject({
      type: 'logic.if',
      name: 'Is paid?',
      position: { x: 300, y: 40 },
    });
    expect(def.edges.at(-1)).toEqual({
      id: 'e3',
      source: 'n4',
      target: 'n5',
      sourceHandle: 'false',
    });
    expect(selectedNodeIds).toEqual(['n4', 'n5']);
    store.getState().undo();
    expect(ids(store.getState().definition)).toEqual(['n1', 'n2', 'n3']);
  });

  it('lays the flow out left to right', () => {
    const store = createFlowStore(definition());
    store.getState().autoLayout();
    const [trigger, branch] = store.getState().definition.nodes;
    expect(branch.position.x).toBeGreaterThan(trigger.position.x);
  });

  it('groups issues by node for the badges', () => {
    const store = createFlowStore(definition());
    store
      .getState()
      .setIssues([
        { nodeId: 'n2', field: 'condition', message: 'a' },
        { nodeId: 'n2', message: 'b' },
        { message: 'flow-level' },
      ]);
    expect(store.getState().nodeIssues).toEqual({ n2: 'a\nb' });
  });
});
