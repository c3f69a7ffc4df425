import { nodeCatalog } from '../catalog/catalog';
import type { NodeDescription } from '../catalog/define-node';
import { isPropVisible, secretPaths, type Prop, type PropsRecord } from '../catalog/props';
import type { FlowDefinition, FlowNode } from '../flow/flow-definition.schema';
import { nodeIssue, type FlowIssue } from '../flow/flow-issue';
import { scanSecrets, type SecretFinding } from './secret-scanner';
import {
  TEMPLATE_FORMAT,
  TEMPLATE_FORMAT_VERSION,
  type CredentialPlaceholder,
  type TemplateDocument,
} from './template-document.schema';

type Config = Record<string, unknown>;

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

const byType = (catalog: readonly NodeDescription[]) =>
  new Map(catalog.map((description) => [description.type, description]));

function getPath(config: Config, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Config)[key] : undefined),
    config,
  );
}

function parentOf(config: Config, path: readonly string[], create: boolean): Config | undefined {
  let node: Config = config;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next && typeof next === 'object' && !Array.isArray(next)) node = next as Config;
    else if (create) node = node[key] = {};
    else return undefined;
  }
  return node;
}

/** The prop at a dotted path through nested `object` props, e.g. `auth.secret`. */
function propAt(props: PropsRecord, path: readonly string[]): Prop | undefined {
  const [head, ...rest] = path;
  const prop = props[head];
  if (!prop || rest.length === 0) return prop;
  return prop.type === 'object' ? propAt(prop.props, rest) : undefined;
}

const credentialProps = (description: NodeDescription) =>
  Object.entries(description.props).filter(
    (entry): entry is [string, Extract<Prop, { type: 'credential' }>] =>
      entry[1].type === 'credential',
  );

/**
 * One node's config as a template carries it: only declared fields (nothing stray such as a
 * trigger key), no secret field, no credential id. A node that used, or cannot run without, a
 * credential gets a placeholder instead.
 */
function stripNode(
  node: FlowNode,
  description: NodeDescription,
  credentialTypes: Readonly<Record<string, string>>,
): { config: Config; placeholder?: CredentialPlaceholder } {
  const config: Config = Object.fromEntries(
    Object.entries(structuredClone(node.config)).filter(([key]) => key in description.props),
  );
  for (const dotted of secretPaths(description.props)) {
    const path = dotted.split('.');
    const parent = parentOf(config, path, false);
    if (parent) delete parent[path[path.length - 1]];
  }
  let placeholder: CredentialPlaceholder | undefined;
  for (const [key, prop] of credentialProps(description)) {
    const used = config[key];
    delete config[key];
    // e.g. a Discord step whose webhook URL (a secret field) was just removed needs a credential.
    const group = description.requireOneOf ?? [];
    const orphaned = group.includes(key) && !group.some((field) => isSet(config[field]));
    if (!isSet(used) && !prop.required && !orphaned) continue;
    const usedType = typeof used === 'string' ? credentialTypes[used] : undefined;
    placeholder = {
      field: key,
      credentialTypes:
        usedType && prop.credentialTypes.includes(usedType)
          ? [usedType]
          : [...prop.credentialTypes],
    };
  }
  return { config, placeholder };
}

export interface FlowToTemplateInput {
  name: string;
  description?: string;
  definition: FlowDefinition;
}

export type FlowToTemplateResult =
  { ok: true; document: TemplateDocument } | { ok: false; findings: SecretFinding[] };

/**
 * Turns a flow into a template document. Credential ids become typed placeholders
 * (narrowed to the type each id had, when `credentialTypes` maps ids to types), secret fields are
 * dropped, and anything the scanner still finds refuses the export: it must move into a
 * credential first. Trigger keys live on the flow, never in its definition, so none can leave.
 */
export function flowToTemplate(
  flow: FlowToTemplateInput,
  catalog: readonly NodeDescription[] = nodeCatalog,
  credentialTypes: Readonly<Record<string, string>> = {},
): FlowToTemplateResult {
  const types = byType(catalog);
  const credentialPlaceholders: Record<string, CredentialPlaceholder> = {};
  const nodes = flow.definition.nodes.map((node) => {
    const copy = structuredClone(node);
    const description = types.get(node.type);
    if (!description) return copy;
    const { config, placeholder } = stripNode(node, description, credentialTypes);
    if (placeholder) credentialPlaceholders[node.id] = placeholder;
    return { ...copy, config };
  });
  const definition: FlowDefinition = {
    ...structuredClone(flow.definition),
    nodes,
  };
  const findings = scanSecrets(definition, catalog);
  if (findings.length) return { ok: false, findings };
  return {
    ok: true,
    document: {
      format: TEMPLATE_FORMAT,
      formatVersion: TEMPLATE_FORMAT_VERSION,
      name: flow.name,
      description: flow.description ?? '',
      definition,
      credentialPlaceholders,
    },
  };
}

/** A credential the user picks when using a template. */
export interface CredentialRequirement {
  nodeId: string;
  nodeName: string;
  nodeType: string;
  field: string;
  credentialTypes: string[];
}

/** A secret config field (e.g. a trigger's signing secret) that the template left empty. */
export interface SecretRequirement {
  nodeId: string;
  nodeName: string;
  /** Dotted config path, e.g. `auth.secret`. */
  field: string;
  label: string;
}

export interface TemplateRequirements {
  credentials: CredentialRequirement[];
  secrets: SecretRequirement[];
}

/** What a flow made from `document` needs before it can be published. */
export function templateRequirements(
  document: TemplateDocument,
  catalog: readonly NodeDescription[] = nodeCatalog,
): TemplateRequirements {
  const types = byType(catalog);
  const nodes = new Map(document.definition.nodes.map((node) => [node.id, node]));
  const credentials = Object.entries(document.credentialPlaceholders).flatMap(
    ([nodeId, placeholder]) => {
      const node = nodes.get(nodeId);
      return node ? [{ nodeId, nodeName: node.name, nodeType: node.type, ...placeholder }] : [];
    },
  );
  const secrets = document.definition.nodes.flatMap((node) => {
    const description = types.get(node.type);
    if (!description) return [];
    return secretPaths(description.props).flatMap((field) => {
      const path = field.split('.');
      const prop = propAt(description.props, path);
      const siblings = parentOf(node.config, path, false) ?? {};
      if (!prop?.required || isSet(getPath(node.config, path))) return [];
      if (!isPropVisible(prop, siblings)) return [];
      return [{ nodeId: node.id, nodeName: node.name, field, label: prop.label }];
    });
  });
  return { credentials, secrets };
}

/**
 * What makes a document unfit to import (beyond its schema): unknown node types, placeholders
 * that do not fit their node, and anything secret — credential ids, secret fields, scanner finds.
 */
export function templateIssues(
  document: TemplateDocument,
  catalog: readonly NodeDescription[] = nodeCatalog,
): FlowIssue[] {
  const types = byType(catalog);
  const nodes = new Map(document.definition.nodes.map((node) => [node.id, node]));
  const issues: FlowIssue[] = [];
  for (const node of document.definition.nodes) {
    const description = types.get(node.type);
    if (!description) {
      issues.push(nodeIssue(node, `is "${node.type}", which is not a known node type`, 'type'));
      continue;
    }
    for (const [key] of credentialProps(description)) {
      if (isSet(node.config[key])) {
        issues.push(
          nodeIssue(
            node,
            'holds a credential id; templates list credentialPlaceholders instead',
            key,
          ),
        );
      }
    }
    for (const field of secretPaths(description.props)) {
      if (isSet(getPath(node.config, field.split('.')))) {
        issues.push(nodeIssue(node, 'is a secret field; templates never carry secrets', field));
      }
    }
  }
  for (const [nodeId, placeholder] of Object.entries(document.credentialPlaceholders)) {
    const field = `credentialPlaceholders.${nodeId}`;
    const node = nodes.get(nodeId);
    const description = node && types.get(node.type);
    if (!node) {
      issues.push({ field, message: `Credential placeholder "${nodeId}": there is no such node` });
      continue;
    }
    if (!description) continue;
    const prop = description.props[placeholder.field];
    if (prop?.type !== 'credential') {
      issues.push({
        nodeId,
        field: `${field}.field`,
        message: `Node "${node.name}" (${nodeId}): "${placeholder.field}" is not a credential field of ${node.type}`,
      });
      continue;
    }
    const unfit = placeholder.credentialTypes.filter(
      (type) => !prop.credentialTypes.includes(type),
    );
    if (unfit.length) {
      issues.push({
        nodeId,
        field: `${field}.credentialTypes`,
        message: `Node "${node.name}" (${nodeId}): ${node.type} cannot use ${unfit.join(', ')}; it takes ${prop.credentialTypes.join(', ')}`,
      });
    }
  }
  const findings = scanSecrets(document.definition, catalog);
  return [...issues, ...findings.map(({ nodeId, field, message }) => ({ nodeId, field, message }))];
}

/** How the user connects a template: a credential id per placeholder node, and left-out secrets. */
export interface TemplateMapping {
  credentials?: Readonly<Record<string, string>>;
  /** By node id, then dotted field: `{ n1: { 'auth.secret': '…' } }`. */
  secrets?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A stored credential as far as mapping needs it. */
export interface MappableCredential {
  id: string;
  name: string;
  type: string;
}

/**
 * Problems with a mapping, each naming the node: a node without a placeholder, a credential that
 * is not among `available` (the team's), or one of the wrong type; a secret the node does not take.
 */
export function templateMappingIssues(
  document: TemplateDocument,
  mapping: TemplateMapping,
  available: readonly MappableCredential[],
  catalog: readonly NodeDescription[] = nodeCatalog,
): FlowIssue[] {
  const nodes = new Map(document.definition.nodes.map((node) => [node.id, node]));
  const credentials = new Map(available.map((credential) => [credential.id, credential]));
  const label = (nodeId: string) => {
    const node = nodes.get(nodeId);
    return node ? `Node "${node.name}" (${nodeId})` : `Node "${nodeId}"`;
  };
  const issues: FlowIssue[] = [];
  for (const [nodeId, credentialId] of Object.entries(mapping.credentials ?? {})) {
    const field = `credentials.${nodeId}`;
    const placeholder = document.credentialPlaceholders[nodeId];
    const credential = credentials.get(credentialId);
    if (!placeholder) {
      issues.push({ nodeId, field, message: `${label(nodeId)}: needs no credential here` });
    } else if (!credential) {
      issues.push({
        nodeId,
        field,
        message: `${label(nodeId)}: credential "${credentialId}" was not found in this team`,
      });
    } else if (!placeholder.credentialTypes.includes(credential.type)) {
      issues.push({
        nodeId,
        field,
        message: `${label(nodeId)}: needs a credential of type ${placeholder.credentialTypes.join(' or ')}; "${credential.name}" is ${credential.type}`,
      });
    }
  }
  const needed = templateRequirements(document, catalog).secrets;
  for (const [nodeId, fields] of Object.entries(mapping.secrets ?? {})) {
    for (const field of Object.keys(fields)) {
      if (!needed.some((secret) => secret.nodeId === nodeId && secret.field === field)) {
        issues.push({
          nodeId,
          field: `secrets.${nodeId}.${field}`,
          message: `${label(nodeId)}: field "${field}" is not a secret this template asks for`,
        });
      }
    }
  }
  return issues;
}

/**
 * The draft definition a template creates, with the mapped credentials and secrets filled in.
 * Check the mapping with {@link templateMappingIssues} first; unmapped placeholders stay empty
 * (a draft may be incomplete; publishing names what is missing).
 */
export function templateToFlow(
  document: TemplateDocument,
  mapping: TemplateMapping = {},
): FlowDefinition {
  const definition = structuredClone(document.definition);
  for (const node of definition.nodes) {
    const placeholder = document.credentialPlaceholders[node.id];
    const credentialId = mapping.credentials?.[node.id];
    if (placeholder && credentialId) node.config[placeholder.field] = credentialId;
    for (const [field, value] of Object.entries(mapping.secrets?.[node.id] ?? {})) {
      const path = field.split('.');
      const parent = parentOf(node.config, path, true);
      if (parent) parent[path[path.length - 1]] = value;
    }
  }
  return definition;
}
