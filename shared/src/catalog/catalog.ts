import { integrations } from '../integrations';
import type { CredentialDescription, NodeDescription } from './define-node';

/** Every node type, in palette order: the integrations' lists, flattened. */
export const nodeCatalog: readonly NodeDescription[] = integrations.flatMap(
  (integration) => integration.nodes,
);

export const credentialCatalog: readonly CredentialDescription[] = integrations.flatMap(
  (integration) => integration.credentials,
);

const nodesByType = new Map(nodeCatalog.map((node) => [node.type, node]));
const credentialsByType = new Map(
  credentialCatalog.map((credential) => [credential.type, credential]),
);

export function getNodeDescription(type: string): NodeDescription | undefined {
  return nodesByType.get(type);
}

export function getCredentialDescription(type: string): CredentialDescription | undefined {
  return credentialsByType.get(type);
}

export function isTriggerType(type: string): boolean {
  return nodesByType.get(type)?.category === 'trigger';
}

/** The credential types a node accepts, from its `credential` props. */
export function nodeCredentialTypes(description: NodeDescription): string[] {
  return Object.values(description.props).flatMap((prop) =>
    prop.type === 'credential' ? prop.credentialTypes : [],
  );
}
