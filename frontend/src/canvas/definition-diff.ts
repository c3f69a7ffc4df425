import type { FlowDefinition, FlowNode } from '@hookflow/shared';

export interface DefinitionDiff {
  added: FlowNode[];
  removed: FlowNode[];
  changed: FlowNode[];
  edgesChanged: boolean;
}

// Moving a node on the canvas does not change what a run does, so positions are left out.
const behaviour = ({ position: _position, ...rest }: FlowNode) => JSON.stringify(rest);
const edgeKey = (definition: FlowDefinition) =>
  definition.edges
    .map((edge) => `${edge.source}>${edge.target}:${edge.sourceHandle ?? ''}`)
    .sort()
    .join(',');

/** What publishing `next` changes compared with the version published before. */
export function diffDefinitions(previous: FlowDefinition, next: FlowDefinition): DefinitionDiff {
  const before = new Map(previous.nodes.map((node) => [node.id, node]));
  const after = new Set(next.nodes.map((node) => node.id));
  return {
    added: next.nodes.filter((node) => !before.has(node.id)),
    removed: previous.nodes.filter((node) => !after.has(node.id)),
    changed: next.nodes.filter((node) => {
      const old = before.get(node.id);
      return old !== undefined && behaviour(old) !== behaviour(node);
    }),
    edgesChanged: edgeKey(previous) !== edgeKey(next),
  };
}

const storageKey = (flowId: string) => `hookflow.published.${flowId}`;

/**
 * The API has no route for the published definition, so the editor remembers the definition it
 * published last (per browser). Unknown when the flow was published elsewhere.
 */
export function rememberedPublished(flowId: string): FlowDefinition | null {
  const stored = localStorage.getItem(storageKey(flowId));
  return stored ? (JSON.parse(stored) as FlowDefinition) : null;
}

export function rememberPublished(flowId: string, definition: FlowDefinition): void {
  localStorage.setItem(storageKey(flowId), JSON.stringify(definition));
}
