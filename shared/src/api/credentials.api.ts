import { z } from 'zod';

/** A stored credential as the API shows it: its data is write-only and never returned. */
export interface CredentialSummary {
  id: string;
  teamId: string;
  name: string;
  /** A credential type id from `credentialCatalog`, e.g. `slack.bot`. */
  type: string;
  createdAt: string;
  updatedAt: string;
}

/** What the API answers for a credential: which fields hold a value, never the values. */
export interface CredentialView extends CredentialSummary {
  fields: Record<string, boolean>;
}

// `data` is checked against the type's fields with credentialDataSchema by the service.
export const createCredentialBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
});

export const updateCredentialBodySchema = createCredentialBodySchema.omit({ type: true }).partial();

/** `DELETE …/credentials/:id?force=true` deletes one that published flows still use. */
export const deleteCredentialQuerySchema = z
  .object({ force: z.enum(['true', 'false']).default('false') })
  .transform(({ force }) => ({ force: force === 'true' }));

export type CreateCredentialBody = z.infer<typeof createCredentialBodySchema>;
export type UpdateCredentialBody = z.infer<typeof updateCredentialBodySchema>;

/** One flow whose draft or live version has a step that names the credential. */
export interface CredentialUseInFlow {
  flowId: string;
  flowName: string;
  /** The draft (what the editor shows) names it. */
  inDraft: boolean;
  /** The published version names it: deleting the credential breaks that flow's live runs. */
  inPublished: boolean;
  publishedVersion: number | null;
  /** False for a disabled flow (its published version runs again once it is enabled). */
  enabled: boolean;
}

/** `GET …/credentials/:id/usage`, and the `usage` of the 409 that refuses a delete. */
export interface CredentialUsage {
  credentialId: string;
  flows: CredentialUseInFlow[];
}
