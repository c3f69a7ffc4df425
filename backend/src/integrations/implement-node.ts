import {
  credentialDataSchema,
  nodeCredentialTypes,
  type CredentialDescription,
  type InferProps,
  type NodeDescription,
} from '@hookflow/shared';
import type { NodeHandler, NodeRunInput, NodeRunResult } from '../engine/node-handler.js';
import { StepFailure } from '../engine/step-failure.js';

/** A decrypted credential of one of the accepted types, its data typed by its description. */
export type TypedCredential<C extends CredentialDescription> = C extends CredentialDescription
  ? { type: C['type']; data: InferProps<C['fields']> }
  : never;

/** What `run` receives: the config typed by the node's props, the credential by its type. */
export type TypedRunInput<
  D extends NodeDescription,
  C extends readonly CredentialDescription[],
> = Omit<NodeRunInput<InferProps<D['props']>>, 'credential'> & {
  credential?: TypedCredential<C[number]>;
};

export interface NodeImplementation<
  D extends NodeDescription,
  C extends readonly CredentialDescription[],
> {
  /**
   * The credential types the node's `credential` prop accepts, as descriptions (the same list as
   * the description's, checked at load). Omitted: `run` gets no credential.
   */
  credentials?: C;
  run(input: TypedRunInput<D, C>): Promise<NodeRunResult>;
}

/**
 * A node type's handler: its shared description plus a plain `run` function whose input is typed
 * from the description. A credential the node does not accept, or whose data does not match its
 * description, fails the step before `run` sees it.
 */
export function implementNode<
  const D extends NodeDescription,
  const C extends readonly CredentialDescription[] = [],
>(description: D, implementation: NodeImplementation<D, C>): NodeHandler {
  const credentials = implementation.credentials;
  const declared = nodeCredentialTypes(description);
  const given = credentials?.map((credential) => credential.type);
  if (given && declared.join() !== given.join()) {
    throw new Error(
      `${description.type}: the handler accepts credentials [${given.join(', ')}] ` +
        `but the description declares [${declared.join(', ')}]`,
    );
  }

  return {
    description,
    // async, so that anything thrown (before or in `run`) rejects rather than throws.
    run: async (input) =>
      implementation.run({
        ...input,
        config: input.config as InferProps<D['props']>,
        // A handler that names no credential types does not use one (trigger.poll's is the poller's).
        credential:
          credentials &&
          input.credential &&
          checkedCredential(description, credentials, input.credential),
      }),
  };
}

/** `credential` as one of the `accepted` types, its data checked; a StepFailure otherwise. */
export function checkedCredential<C extends readonly CredentialDescription[]>(
  node: NodeDescription,
  accepted: C,
  credential: { type: string; data: Record<string, unknown> },
): TypedCredential<C[number]> {
  const description = accepted.find((candidate) => candidate.type === credential.type);
  if (!description) {
    throw new StepFailure(
      `${node.title} cannot use a "${credential.type}" credential; it takes ` +
        accepted.map((c) => `"${c.type}"`).join(', '),
      { code: 'CREDENTIAL', retryable: false },
    );
  }
  const parsed = credentialDataSchema(description).safeParse(credential.data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || 'data');
    throw new StepFailure(
      `The ${description.title} credential is incomplete: ${fields.join(', ')}`,
      {
        code: 'CREDENTIAL',
        retryable: false,
      },
    );
  }
  return { type: description.type, data: parsed.data } as TypedCredential<C[number]>;
}
