import type { NodeRetryPolicy } from '../flow/flow-definition.schema';
import type { PropsRecord } from './props';
import type { PropsRules } from './props-to-zod';

export type NodeCategory = 'trigger' | 'action' | 'logic' | 'data' | 'integration';

/** The serializable description of a node type: the editor renders it, the backend validates with it. */
export interface NodeDescription extends PropsRules {
  /** Stable id, `<family>.<verb>`, e.g. `http.request`. */
  type: string;
  version: 1;
  title: string;
  description: string;
  category: NodeCategory;
  /** A short icon name (lucide), e.g. `globe`. */
  icon: string;
  /**
   * Config fields. A node that needs a stored credential declares a `credential` prop (named
   * `credentialId` by convention) listing the credential types it accepts.
   */
  props: PropsRecord;
  /** Named output handles, e.g. `['true', 'false']` for `logic.if`; omitted means one output. */
  outputs?: readonly string[];
  /** A realistic output, offered by the editor's data picker before a real run exists. */
  sampleOutput: unknown;
  /** Retry settings used when a step sets none; omitted means the engine's default. */
  retry?: NodeRetryPolicy;
}

/** The serializable description of a credential type; `fields` marks which values are secret. */
export interface CredentialDescription {
  /** Stable id, e.g. `slack.bot`. */
  type: string;
  title: string;
  description: string;
  icon: string;
  fields: PropsRecord;
}

/**
 * Declares a node type. Identity at run time; the `const` generic keeps literal types, so
 * `InferProps<typeof myNode.props>` knows that `method` is `'GET' | 'POST' | …`.
 */
export function defineNode<const D extends NodeDescription>(description: D): D {
  return description;
}

/** Declares a credential type, keeping literal types like {@link defineNode}. */
export function defineCredential<const D extends CredentialDescription>(description: D): D {
  return description;
}

/**
 * One integration (or group of core nodes): the node types and credential types it brings. The
 * catalog is the flat union of every integration's lists, in palette order.
 */
export interface IntegrationDescription {
  /** The folder name and the prefix of its node types, e.g. `slack` for `slack.message`. */
  name: string;
  nodes: readonly NodeDescription[];
  credentials: readonly CredentialDescription[];
}

/** Declares an integration, keeping literal types like {@link defineNode}. */
export function defineIntegration<const I extends IntegrationDescription>(integration: I): I {
  return integration;
}
