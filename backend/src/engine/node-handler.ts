import type { ExpressionContext, NodeDescription } from '@hookflow/shared';

/**
 * The contract between the engine and node types. A handler gets its config with every
 * `{{ }}` already resolved and validated against its description, the decrypted credential
 * (if the node names one), and the services it may use; it returns the step output or throws
 * a StepFailure. Handlers hold no state and never touch the database.
 */
export interface NodeHandler<Config = Record<string, unknown>> {
  /** The shared description this handler executes (`description.type` is the node type id). */
  description: NodeDescription;
  run(input: NodeRunInput<Config>): Promise<NodeRunResult>;
}

export interface NodeRunInput<Config = Record<string, unknown>> {
  config: Config;
  /** Present when the config names a credential: its type id and decrypted fields. */
  credential?: { type: string; data: Record<string, unknown> };
  /** The expression context (trigger request, earlier steps' outputs, …). */
  context: ExpressionContext;
  step: {
    executionId: string;
    nodeId: string;
    /** 1 on the first try of this step; grows with each retry. */
    attempt: number;
    /** Dry run: side-effecting handlers describe what they would send instead of sending it. */
    dryRun: boolean;
  };
  /** Aborted when the execution is canceled or the worker shuts down. */
  signal: AbortSignal;
  services: NodeServices;
}

/** I/O the platform lends to handlers, so every outbound call passes the outbound guard. */
export interface NodeServices {
  /** `fetch` whose connections are checked by the outbound guard, including redirects. */
  fetch: typeof fetch;
  /**
   * The same guard for connections that are not HTTP (SMTP): resolves `host`, checks it, and
   * returns the address to dial, so the caller connects to exactly what was checked.
   */
  checkDestination(host: string, port: number): Promise<string>;
  /** Each integration's settings by its name (e.g. `settings.slack.apiUrl`), overridable for tests. */
  settings: IntegrationSettings;
}

/** Each integration's setting values by integration name: `{ slack: { apiUrl: '…' } }`. */
export type IntegrationSettings = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface NodeRunResult {
  output: unknown;
  /** For nodes with named outputs (`logic.if`): which handle's edges to follow. */
  handle?: string;
  /** `logic.filter`: the branch ends here (not an error). */
  stop?: boolean;
  /** `flow.delay`: continue the branch at this time without holding a worker. */
  resumeAt?: Date;
  /** `webhook.respond`: the answer to a trigger request waiting in `sync` mode. */
  respond?: { status: number; headers: Record<string, string>; body: unknown };
}
