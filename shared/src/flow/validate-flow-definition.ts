import type { z } from 'zod';
import { nodeCatalog } from '../catalog/catalog';
import type { NodeDescription } from '../catalog/define-node';
import type { Prop, PropsRecord } from '../catalog/props';
import { nodeConfigSchema } from '../catalog/node-config-schema';
import { refusedResponseHeader } from '../integrations/webhook/webhook-respond-headers';
import { webhookAuthProblems } from '../integrations/trigger/webhook-auth-checks';
import { findExpressionErrors } from '../expressions/compile-template';
import { isExpression } from '../expressions/template';
import { flowDefinitionSchema, type FlowDefinition, type FlowNode } from './flow-definition.schema';
import { findCycles } from './flow-graph';
import { edgeIssue, nodeIssue, type FlowIssue } from './flow-issue';

export type FlowValidationResult =
  { ok: true; definition: FlowDefinition } | { ok: false; issues: FlowIssue[] };

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * Checks everything that can be known before a run: structure, one trigger, unique
 * ids, edges between existing nodes, no cycles, known node types, required and well-typed config,
 * branch handles, and expressions that compile. Used on save, on publish and by the editor.
 */
export function validateFlowDefinition(
  input: unknown,
  catalog: readonly NodeDescription[] = nodeCatalog,
): FlowValidationResult {
  const parsed = flowDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: structuralIssues(input, parsed.error.issues) };

  const definition = parsed.data;
  const types = new Map(catalog.map((description) => [description.type, description]));
  const issues = [
    ...duplicateIdIssues(definition),
    ...triggerIssues(definition, types),
    ...edgeIssues(definition, types),
    ...cycleIssues(definition),
    ...definition.nodes.flatMap((node) => nodeConfigIssues(node, types.get(node.type))),
  ];
  return issues.length ? { ok: false, issues } : { ok: true, definition };
}

// Zod paths like ['nodes', 2, 'position', 'x'] become the node's id and the field inside it.
function structuralIssues(input: unknown, zodIssues: readonly z.core.$ZodIssue[]): FlowIssue[] {
  const raw = (input ?? {}) as { nodes?: unknown; edges?: unknown };
  return zodIssues.map((issue) => {
    const [collection, index, ...rest] = issue.path;
    const list =
      collection === 'nodes' ? raw.nodes : collection === 'edges' ? raw.edges : undefined;
    const item =
      Array.isArray(list) && typeof index === 'number'
        ? (list[index] as Record<string, unknown>)
        : undefined;
    const field = rest.length ? joinPath(rest) : undefined;
    const id = typeof item?.id === 'string' && item.id ? item.id : `#${String(index)}`;
    if (collection === 'nodes' && item) {
      const name = typeof item.name === 'string' && item.name ? item.name : id;
      return nodeIssue({ id, name }, issue.message, field);
    }
    if (collection === 'edges' && item)
      return edgeIssue(id, `field "${field}" ${issue.message}`, field);
    const where = issue.path.length ? `field "${joinPath(issue.path)}" ` : '';
    return {
      field: joinPath(issue.path) || undefined,
      message: `Flow definition: ${where}${issue.message}`,
    };
  });
}

function duplicateIdIssues({ nodes, edges }: FlowDefinition): FlowIssue[] {
  const repeated = (ids: string[]) => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  const nodeIssues = repeated(nodes.map((n) => n.id)).map((id) => {
    const names = nodes.filter((n) => n.id === id).map((n) => `"${n.name}"`);
    return {
      nodeId: id,
      field: 'id',
      message: `Nodes ${names.join(', ')} share the id "${id}"; node ids must be unique`,
    };
  });
  const edgeIssues = repeated(edges.map((e) => e.id)).map((id) =>
    edgeIssue(id, 'this edge id is used more than once', 'id'),
  );
  return [...nodeIssues, ...edgeIssues];
}

function triggerIssues(
  { nodes }: FlowDefinition,
  types: Map<string, NodeDescription>,
): FlowIssue[] {
  const triggers = nodes.filter((node) => types.get(node.type)?.category === 'trigger');
  if (triggers.length === 0)
    return [
      {
        message: 'Flow needs exactly one trigger node; it has none',
        text: 'Add a trigger (a webhook, a schedule…): every flow starts with one.',
      },
    ];
  return triggers
    .slice(1)
    .map((node) =>
      nodeIssue(
        node,
        'is a second trigger; a flow has exactly one',
        undefined,
        `A flow has one trigger, and “${triggers[0].name}” is already it: delete one of the two.`,
      ),
    );
}

function edgeIssues(
  { nodes, edges }: FlowDefinition,
  types: Map<string, NodeDescription>,
): FlowIssue[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return edges.flatMap((edge): FlowIssue[] => {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    const issues: FlowIssue[] = [];
    const dangling = 'A connection leads to or from a step that no longer exists: delete it.';
    if (!source)
      issues.push(
        edgeIssue(edge.id, `source node "${edge.source}" does not exist`, 'source', dangling),
      );
    if (!target)
      issues.push(
        edgeIssue(edge.id, `target node "${edge.target}" does not exist`, 'target', dangling),
      );
    if (target && types.get(target.type)?.category === 'trigger') {
      issues.push(
        edgeIssue(
          edge.id,
          `leads into trigger node "${target.name}" (${target.id}), which cannot have inputs`,
          'target',
          `A connection leads into the trigger “${target.name}”; nothing can run before a trigger.`,
        ),
      );
    }
    const outputs = source && types.get(source.type)?.outputs;
    if (source && outputs && !outputs.includes(edge.sourceHandle ?? '')) {
      const allowed = outputs.map((o) => `"${o}"`).join(' or ');
      issues.push(
        edgeIssue(
          edge.id,
          `leaves node "${source.name}" (${source.id}) and needs sourceHandle ${allowed}`,
          'sourceHandle',
          `A connection from “${source.name}” must leave by its ${outputs.join(' or ')} output.`,
        ),
      );
    }
    return issues;
  });
}

function cycleIssues({ nodes, edges }: FlowDefinition): FlowIssue[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return findCycles(
    nodes.map((n) => n.id),
    edges,
  ).map((cycle) => {
    const names = cycle.map((id) => `“${byId.get(id)?.name ?? id}”`).join(' → ');
    return nodeIssue(
      byId.get(cycle[0])!,
      `is part of a cycle (${cycle.join(' → ')}); flows cannot loop`,
      undefined,
      `Steps lead in a loop (${names}); remove a connection to break it.`,
    );
  });
}

function nodeConfigIssues(node: FlowNode, description: NodeDescription | undefined): FlowIssue[] {
  if (!description)
    return [
      nodeIssue(
        node,
        `is "${node.type}", which is not a known node type`,
        'type',
        'This kind of step is not known to this Hookflow; delete it or replace it.',
      ),
    ];
  const result = nodeConfigSchema(description).safeParse(node.config);
  const configIssues = result.success
    ? []
    : result.error.issues.map((issue) => {
        const field = joinPath(issue.path) || undefined;
        const text = `${fieldLabel(description, issue.path)} ${issue.message}`;
        return nodeIssue(node, issue.message, field, field ? text : undefined);
      });
  return [
    ...configIssues,
    ...expressionIssues(node, description),
    ...respondHeaderIssues(node),
    ...triggerAuthIssues(node, description),
  ];
}

/**
 * A config path in the form's words: “Authentication › Signing secret” for `auth.secret`; keys
 * of a map field stay as typed (“Headers › Authorization”).
 */
function fieldLabel(description: NodeDescription, path: readonly PropertyKey[]): string {
  const labels: string[] = [];
  let props: PropsRecord | undefined = description.props;
  for (const key of path.map(String)) {
    const prop: Prop | undefined = props?.[key];
    labels.push(prop?.label ?? key);
    props = prop?.type === 'object' ? prop.props : undefined;
  }
  return `“${labels.join(' › ')}”`;
}

// A trigger reply must not act on the browser or the connection (see webhook-respond-headers).
function respondHeaderIssues(node: FlowNode): FlowIssue[] {
  const headers = node.type === 'webhook.respond' ? node.config.headers : undefined;
  if (!headers || typeof headers !== 'object') return [];
  return Object.keys(headers).flatMap((name) => {
    const why = refusedResponseHeader(name);
    return why
      ? [
          {
            ...nodeIssue(
              node,
              `header "${name}" cannot be sent from a trigger URL: it ${why}`,
              `headers.${name}`,
              `The header “${name}” cannot be sent from a trigger URL: it ${why}.`,
            ),
            repairedAtRun: true as const,
          },
        ]
      : [];
  });
}

// Values of the right type that a trigger URL still could not use (see webhook-auth-checks).
function triggerAuthIssues(node: FlowNode, description: NodeDescription): FlowIssue[] {
  if (node.type !== 'trigger.webhook') return [];
  return webhookAuthProblems(node.config.auth).map(({ path, problem }) =>
    nodeIssue(node, problem, joinPath(path), `${fieldLabel(description, path)} ${problem}`),
  );
}

function expressionIssues(node: FlowNode, description: NodeDescription): FlowIssue[] {
  return templateStrings(node.config, []).flatMap(({ template, path }) =>
    findExpressionErrors(template).map((error) =>
      nodeIssue(
        node,
        `has an invalid expression at position ${error.position}: ${error.message}`,
        joinPath(path),
        `${fieldLabel(description, path)} has a {{ }} expression that does not work ` +
          `(at character ${error.position}): ${error.message}`,
      ),
    ),
  );
}

function templateStrings(
  value: unknown,
  path: PropertyKey[],
): { template: string; path: PropertyKey[] }[] {
  if (isExpression(value)) return [{ template: value, path }];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      templateStrings(item, [...path, Array.isArray(value) ? Number(key) : key]),
    );
  }
  return [];
}
