import {
  getNodeDescription,
  isSensitiveName,
  redactText,
  secretPaths,
  storedValuePath,
  type FlowDefinition,
} from '@hookflow/shared';
import type { SecretBox } from '../credentials/secret-box.js';

/** What the API shows instead of a stored secret; sending it back keeps the stored value. */
export const SECRET_MASK = '••••••';

interface Sealed {
  $sealed: string;
  /** What the API shows for a sealed ordinary field (a URL with its password redacted). */
  $shown?: string;
}

const isSealed = (value: unknown): value is Sealed =>
  typeof value === 'object' && value !== null && typeof (value as Sealed).$sealed === 'string';

type Config = Record<string, unknown>;

function getPath(config: Config, path: string[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Config)[key] : undefined),
    config,
  );
}

function setPath(config: Config, path: string[], value: unknown): void {
  const parent = path.slice(0, -1).reduce<Config | undefined>((node, key) => {
    const next = node?.[key];
    return next && typeof next === 'object' ? (next as Config) : undefined;
  }, config);
  if (parent) parent[path[path.length - 1]] = value;
}

/** Applies `change` to every secret field of every node, on a copy. */
function mapSecrets(
  definition: FlowDefinition,
  change: (value: unknown, nodeId: string, path: string[]) => unknown,
): FlowDefinition {
  const copy = structuredClone(definition);
  for (const node of copy.nodes) {
    const description = getNodeDescription(node.type);
    if (!description) continue;
    for (const dotted of secretPaths(description.props)) {
      const path = dotted.split('.');
      const value = getPath(node.config, path);
      if (value !== undefined) setPath(node.config, path, change(value, node.id, path));
    }
  }
  return copy;
}

/**
 * Seals secret config values for storage. A masked value means "unchanged": it takes the sealed
 * value the same node had in `previous` (a `storedValueRef`: the one it had at the named path). Ordinary fields holding a literal credential (a URL
 * password or `api_key=…`, an `Authorization` header value) are sealed too, shown redacted.
 */
export function sealSecrets(
  definition: FlowDefinition,
  previous: FlowDefinition | undefined,
  box: SecretBox,
  teamId: string,
): FlowDefinition {
  const kept = (nodeId: string, path: string[]) => {
    const old = previous?.nodes.find((node) => node.id === nodeId);
    const value = old ? getPath(old.config, path) : undefined;
    return isSealed(value) ? value : undefined;
  };
  const sealed = mapSecrets(definition, (value, nodeId, path) => {
    if (value === SECRET_MASK) return kept(nodeId, path);
    const moved = storedValuePath(value);
    if (moved) return kept(nodeId, moved);
    if (isSealed(value) || value === '' || value === null) return value;
    return { $sealed: box.seal(value, teamId) } satisfies Sealed;
  });
  return mapLeaves(sealed, (value, nodeId, path) => {
    if (typeof value !== 'string') return value;
    const old = kept(nodeId, path);
    if (old && value === shownOf(old)) return old;
    const shown = embeddedSecretShown(value, path[path.length - 1]);
    return shown ? ({ $sealed: box.seal(value, teamId), $shown: shown } satisfies Sealed) : value;
  });
}

/** How an ordinary field shows if it holds a literal credential; undefined if it holds none. */
function embeddedSecretShown(value: string, key: string): string | undefined {
  // `{{ }}` expressions are computed at run time: only the literal text can hold a secret.
  const literal = value.replace(/\{\{[\s\S]*?\}\}/g, '');
  const scheme = /^\s*(?:bearer|basic|token|bot|digest)\b/i;
  if (isSensitiveName(key) && literal.replace(scheme, '').trim() !== '') return SECRET_MASK;
  return redactText(literal) !== literal ? redactText(value) : undefined;
}

const shownOf = (sealed: Sealed) => sealed.$shown ?? SECRET_MASK;

/** Applies `change` to every string and sealed value anywhere in every node's config, on a copy. */
function mapLeaves(
  definition: FlowDefinition,
  change: (value: string | Sealed, nodeId: string, path: string[]) => unknown,
): FlowDefinition {
  const visit = (value: unknown, nodeId: string, path: string[]): unknown => {
    if (typeof value === 'string' || isSealed(value)) return change(value, nodeId, path);
    if (Array.isArray(value))
      return value.map((item, i) => visit(item, nodeId, [...path, String(i)]));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, visit(child, nodeId, [...path, key])]),
    );
  };
  return {
    ...definition,
    nodes: definition.nodes.map((node) => ({
      ...node,
      config: visit(node.config, node.id, []) as Config,
    })),
  };
}

/** The definition as the API shows it: every stored secret replaced by the mask. */
export function maskSecrets(definition: FlowDefinition): FlowDefinition {
  return mapLeaves(definition, (value) => (isSealed(value) ? shownOf(value) : value));
}

/** The definition a worker or the trigger ingress runs with: secrets decrypted. */
export function revealSecrets(
  definition: FlowDefinition,
  box: SecretBox,
  teamId: string,
): FlowDefinition {
  return mapLeaves(definition, (value) =>
    isSealed(value) ? box.open(value.$sealed, teamId) : value,
  );
}
