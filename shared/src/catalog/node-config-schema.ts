import type { z } from 'zod';
import type { CredentialDescription, NodeDescription } from './define-node';
import { propsToZod } from './props-to-zod';

// Descriptions are immutable, so each schema is built once per description.
const nodeSchemas = new WeakMap<NodeDescription, z.ZodType<Record<string, unknown>>>();
const credentialSchemas = new WeakMap<CredentialDescription, z.ZodType<Record<string, unknown>>>();

/** The config schema of a node type (templates accepted), for publishing and the engine. */
export function nodeConfigSchema(description: NodeDescription): z.ZodType<Record<string, unknown>> {
  let schema = nodeSchemas.get(description);
  if (!schema) {
    schema = propsToZod(description.props, description);
    nodeSchemas.set(description, schema);
  }
  return schema;
}

/** The data schema of a credential type, for the credentials API. */
export function credentialDataSchema(
  description: CredentialDescription,
): z.ZodType<Record<string, unknown>> {
  let schema = credentialSchemas.get(description);
  if (!schema) {
    schema = propsToZod(description.fields);
    credentialSchemas.set(description, schema);
  }
  return schema;
}
