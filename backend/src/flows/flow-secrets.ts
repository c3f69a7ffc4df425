import { getNodeDescription, secretPaths, type FlowDefinition } from '@hookflow/shared';
import type { SecretBox } from '../credentials/secret-box.js';

/** What the API shows instead of a stored secret; sending it back keeps the stored value. */
export const SECRET_MASK = '••••••';

interface Sealed {
  $sealed: string;
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
 * value the same node had in `previous`.
 */
export function sealSecrets(
  definition: FlowDefinition,
  previous: FlowDefinition | undefined,
  box: SecretBox,
  teamId: string,
): FlowDefinition {
  return mapSecrets(definition, (value, nodeId, path) => {
    if (value === SECRET_MASK) {
      const old = previous?.nodes.find((node) => node.id === nodeId);
      const kept = old ? getPath(old.config, path) : undefined;
      return isSealed(kept) ? kept : undefined;
    }
    if (isSealed(value) || value === '' || value === null) return value;
    return { $sealed: box.seal(value, teamId) } satisfies Sealed;
  });
}

/** The definition as the API shows it: every stored secret replaced by the mask. */
export function maskSecrets(definition: FlowDefinition): FlowDefinition {
  return mapSecrets(definition, (value) => (isSealed(value) ? SECRET_MASK : value));
}

/** The definition a worker or the trigger ingress runs with: secrets decrypted. */
export function revealSecrets(
  definition: FlowDefinition,
  box: SecretBox,
  teamId: string,
): FlowDefinition {
  return mapSecrets(definition, (value) =>
    isSealed(value) ? box.open(value.$sealed, teamId) : value,
  );
}
