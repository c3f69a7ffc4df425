import { z } from 'zod';
import { flowDefinitionSchema } from '../flow/flow-definition.schema';

/** Marks a JSON file as a Hookflow template, so an import can tell it from any other JSON. */
export const TEMPLATE_FORMAT = 'hookflow.template';
/** Bumped when the document's shape changes incompatibly; imports refuse versions they do not know. */
export const TEMPLATE_FORMAT_VERSION = 1;

/** What a node needs to be connected to before its flow can run. */
export const credentialPlaceholderSchema = z.object({
  /** The config field that takes the credential id, `credentialId` by convention. */
  field: z.string().min(1),
  /**
   * The credential types that fit, e.g. `['slack.webhook', 'slack.bot']`; narrowed to the one
   * type the source flow used, since the rest of the node's config was written for it.
   */
  credentialTypes: z.array(z.string().min(1)).min(1),
});

/**
 * A flow shared as a template: the definition without credentials, secrets or trigger
 * keys, plus one credential placeholder per node that needs a credential, by node id.
 */
export const templateDocumentSchema = z.object({
  format: z.literal(TEMPLATE_FORMAT),
  formatVersion: z.literal(TEMPLATE_FORMAT_VERSION),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  definition: flowDefinitionSchema,
  credentialPlaceholders: z.record(z.string().min(1), credentialPlaceholderSchema).default({}),
});

export type CredentialPlaceholder = z.infer<typeof credentialPlaceholderSchema>;
export type TemplateDocument = z.output<typeof templateDocumentSchema>;
/** A document as a file may hold it: defaults (description, placeholders) may be left out. */
export type TemplateDocumentInput = z.input<typeof templateDocumentSchema>;
