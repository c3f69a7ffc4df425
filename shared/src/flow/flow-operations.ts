import { z } from 'zod';
import {
  flowDefinitionSchema,
  flowEdgeSchema,
  flowNodeSchema,
  nodeRetryPolicySchema,
  type FlowDefinition,
} from './flow-definition.schema';

const nodeId = z.string().min(1);

/** Edits of a flow definition, applied optimistically by the editor and again by the server. */
export const flowOperationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addNode'), node: flowNodeSchema }),
  z.object({ type: z.literal('removeNode'), nodeId }),
  z.object({
    type: z.literal('moveNode'),
    nodeId,
    position: z.object({ x: z.number(), y: z.number() }),
  }),
  z.object({
    type: z.literal('updateNodeConfig'),
    nodeId,
    config: z.record(z.string(), z.unknown()),
  }),
  z.object({ type: z.literal('renameNode'), nodeId, name: z.string().min(1) }),
  /** `retry: null` goes back to the node type's default. */
  z.object({ type: z.literal('setNodeRetry'), nodeId, retry: nodeRetryPolicySchema.nullable() }),
  z.object({ type: z.literal('addEdge'), edge: flowEdgeSchema }),
  z.object({ type: z.literal('removeEdge'), edgeId: z.string().min(1) }),
  z.object({ type: z.literal('replaceDefinition'), definition: flowDefinitionSchema }),
]);

export type FlowOperation = z.infer<typeof flowOperationSchema>;

/** An operation that does not fit the definition it is applied to (unknown node, taken id…). */
export class FlowOperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowOperationError';
  }
}

/** Returns a new definition with `op` applied; the input is never mutated. */
export function applyFlowOperation(definition: FlowDefinition, op: FlowOperation): FlowDefinition {
  const requireNode = (id: string) => {
    if (!definition.nodes.some((node) => node.id === id))
      throw new FlowOperationError(`Node "${id}" does not exist`);
  };
  const updateNode = (
    id: string,
    patch: Partial<FlowDefinition['nodes'][number]>,
  ): FlowDefinition => {
    requireNode(id);
    return {
      ...definition,
      nodes: definition.nodes.map((node) => (node.id === id ? { ...node, ...patch } : node)),
    };
  };

  switch (op.type) {
    case 'addNode':
      if (definition.nodes.some((node) => node.id === op.node.id)) {
        throw new FlowOperationError(`Node id "${op.node.id}" is already used`);
      }
      return { ...definition, nodes: [...definition.nodes, op.node] };
    case 'removeNode':
      requireNode(op.nodeId);
      return {
        ...definition,
        nodes: definition.nodes.filter((node) => node.id !== op.nodeId),
        edges: definition.edges.filter(
          (edge) => edge.source !== op.nodeId && edge.target !== op.nodeId,
        ),
      };
    case 'moveNode':
      return updateNode(op.nodeId, { position: op.position });
    case 'updateNodeConfig':
      return updateNode(op.nodeId, { config: op.config });
    case 'renameNode':
      return updateNode(op.nodeId, { name: op.name });
    case 'setNodeRetry': {
      requireNode(op.nodeId);
      const nodes = definition.nodes.map((node) => {
        if (node.id !== op.nodeId) return node;
        const { retry: _previous, ...rest } = node;
        return op.retry ? { ...rest, retry: op.retry } : rest;
      });
      return { ...definition, nodes };
    }
    case 'addEdge':
      if (definition.edges.some((edge) => edge.id === op.edge.id)) {
        throw new FlowOperationError(`Edge id "${op.edge.id}" is already used`);
      }
      requireNode(op.edge.source);
      requireNode(op.edge.target);
      return { ...definition, edges: [...definition.edges, op.edge] };
    case 'removeEdge':
      if (!definition.edges.some((edge) => edge.id === op.edgeId)) {
        throw new FlowOperationError(`Edge "${op.edgeId}" does not exist`);
      }
      return { ...definition, edges: definition.edges.filter((edge) => edge.id !== op.edgeId) };
    case 'replaceDefinition':
      return op.definition;
  }
}
