import { nodeCatalog, type NodeDescription } from '@hookflow/shared';
import type { NodeHandler } from '../engine/node-handler.js';
import { assertCatalogCovered, implementedNodeTypes, nodeHandlers } from './node-registry.js';

const handlerFor = (type: string): NodeHandler => ({
  description: { type } as NodeDescription,
  run: () => Promise.resolve({ output: null }),
});
const catalogOf = (...types: string[]) => types.map((type) => ({ type }) as NodeDescription);

describe(assertCatalogCovered.name, () => {
  it('passes for the implemented part of the catalog', () => {
    const implemented = nodeCatalog.filter((node) => implementedNodeTypes.includes(node.type));

    expect(implemented).toHaveLength(nodeHandlers.length);
    expect(() => assertCatalogCovered(implemented, nodeHandlers)).not.toThrow();
  });

  it('serves the catalog’s own descriptions', () => {
    for (const handler of nodeHandlers) {
      expect(nodeCatalog).toContain(handler.description);
    }
  });

  it('covers the whole catalog: every node type has exactly one handler', () => {
    expect(() => assertCatalogCovered(nodeCatalog, nodeHandlers)).not.toThrow();
  });

  it('names the catalog types without a handler', () => {
    const handlers = nodeHandlers.filter((handler) => handler.description.type !== 'email.send');
    expect(() => assertCatalogCovered(nodeCatalog, handlers)).toThrow(
      'Node types without a handler: email.send',
    );
  });

  it('names the types with two handlers', () => {
    const handlers = [handlerFor('a.x'), handlerFor('b.y'), handlerFor('a.x')];

    expect(() => assertCatalogCovered(catalogOf('a.x', 'b.y'), handlers)).toThrow(
      'Node types with more than one handler: a.x',
    );
  });

  it('names handlers for types outside the catalog, with every other problem', () => {
    const handlers = [handlerFor('a.x'), handlerFor('a.x'), handlerFor('z.z')];

    expect(() => assertCatalogCovered(catalogOf('a.x', 'b.y'), handlers)).toThrow(
      'Node types without a handler: b.y; Node types with more than one handler: a.x; ' +
        'Handlers for node types not in the catalog: z.z',
    );
  });
});
