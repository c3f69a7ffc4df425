import type { FlowDefinition, FlowNode } from '@hookflow/shared';

export interface ChangedNode {
  node: FlowNode;
  /** What differs, e.g. `name`, `config.url`, `retry`. */
  fields: string[];
}

export interface DefinitionDiff {
  added: FlowNode[];
  removed: FlowNode[];
  changed: ChangedNode[];
  edgesChanged: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// Moving a node on the canvas does not change what a run does, so positions are left out.
function changedFields(before: FlowNode, after: FlowNode): string[] {
  const fields: string[] = [];
  if (before.name !== after.name) fields.push('name');
  if (before.type !== after.type) fields.push('type');
  const keys = new Set([...Object.keys(before.config), ...Object.keys(after.config)]);
  for (const key of [...keys].sort()) {
    if (!same(before.config[key], after.config[key])) fields.push(`config.${key}`);
  }
  if (!same(before.retry, after.retry)) fields.push('retry');
  return fields;
}

const edgeKey = (definition: FlowDefinition) =>
  definition.edges
    .map((edge) => `${edge.source}>${edge.target}:${edge.sourceHandle ?? ''}`)
    .sort()
    .join(',');

/** What publishing `next` changes compared with the published version `previous`. */
export function diffDefinitions(previous: FlowDefinition, next: FlowDefinition): DefinitionDiff {
  const before = new Map(previous.nodes.map((node) => [node.id, node]));
  const after = new Set(next.nodes.map((node) => node.id));
  return {
    added: next.nodes.filter((node) => !before.has(node.id)),
    removed: previous.nodes.filter((node) => !after.has(node.id)),
    changed: next.nodes.flatMap((node) => {
      const old = before.get(node.id);
      const fields = old ? changedFields(old, node) : [];
      return fields.length ? [{ node, fields }] : [];
    }),
    edgesChanged: edgeKey(previous) !== edgeKey(next),
  };
}

export function isUnchanged(diff: DefinitionDiff): boolean {
  return !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.edgesChanged;
}
