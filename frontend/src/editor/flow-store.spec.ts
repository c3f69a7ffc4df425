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

  it('adds a palette step after the selected one, connected, right of it and below its other steps', () => {
    const store = createFlowStore(definition());
    store.getState().select(['n1']);
    store
      .getState()
      .applyNodeChanges([{ type: 'dimensions', id: 'n1', dimensions: { width: 200, height: 60 } }]);
    const id = store.getState().addNodeAfterSelection('http.request', { x: 999, y: 999 });

    const { definition: after, selectedNodeIds } = store.getState();
    expect(id).toBe('n3');
    // n1 already leads to n2, so the new step goes one row below: x = 0 + 200 + 80, y = 60 + 40.
    expect(after.nodes.find((node) => node.id === 'n3')?.position).toEqual({ x: 280, y: 100 });
    expect(after.edges).toContainEqual({ id: 'e2', source: 'n1', target: 'n3' });
    expect(selectedNodeIds).toEqual(['n3']);

    // After a branch, the edge leaves by its first output; the whole add is one undo step.
    store.getState().select(['n2']);
    store.getState().addNodeAfterSelection('email.send', { x: 0, y: 0 });
    expect(store.getState().definition.edges).toContainEqual({
      id: 'e3',
      source: 'n2',
      target: 'n4',
      sourceHandle: 'true',
    });
    store.getState().undo();
    expect(ids(store.getState().definition)).toEqual(['n1', 'n2', 'n3']);
    expect(store.getState().definition.edges).toHaveLength(2);
  });

  it('places a step at the fallback position, unconnected, when nothing is selected', () => {
    const store = createFlowStore(definition());
    store.getState().addNodeAfterSelection('http.request', { x: 5, y: 6 });
    expect(store.getState().definition.nodes[2].position).toEqual({ x: 5, y: 6 });
    expect(store.getState().definition.edges).toHaveLength(1);
  });

  it('refuses a second trigger with a message naming the one there, by click or drop', () => {
    const store = createFlowStore(definition());
    store.getState().select(['n2']);
    expect(store.getState().addNodeAfterSelection('trigger.schedule', { x: 0, y: 0 })).toBeNull();
    expect(store.getState().addNode('trigger.manual', { x: 0, y: 0 })).toBeNull();
    expect(ids(store.getState().definition)).toEqual(['n1', 'n2']);
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().notice).toMatch(/one trigger, and “Webhook” already starts this one/);

    // The next change clears the notice; without a trigger, one can be added (and is not a target).
    store.getState().removeElements(['n1'], []);
    expect(store.getState().notice).toBeNull();
    store.getState().select(['n2']);
    const id = store.getState().addNodeAfterSelection('trigger.schedule', { x: 0, y: 0 });
    expect(id).toBe('n3');
    expect(store.getState().definition.edges).toEqual([]);
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
