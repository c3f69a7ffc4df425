import { z } from 'zod';
import type { TriggerRequestContext } from '../expressions/expression-context';

export const executionStatuses = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

export const stepRunStatuses = ['running', 'waiting', 'succeeded', 'failed', 'skipped'] as const;
export type StepRunStatus = (typeof stepRunStatuses)[number];

export interface StepError {
  message: string;
  /** Machine-readable reason, e.g. `HTTP_STATUS`, `TIMEOUT`, `EXPRESSION`. */
  code?: string;
  retryable: boolean;
}

/** One attempt-tracked run of one node inside an execution. */
export interface StepRun {
  id: string;
  nodeId: string;
  /** The node's label in the version that ran (its type's title when it has none). */
  name: string;
  nodeType: string;
  status: StepRunStatus;
  attempt: number;
  /** Resolved config the handler received, secrets redacted. */
  input: unknown;
  output: unknown;
  error: StepError | null;
  startedAt: string;
  finishedAt: string | null;
}

/** A run that replays a recorded delivery; `forced`: the delivery had been rejected. */
export interface ExecutionReplay {
  deliveryId: string;
  forced: boolean;
}

/**
 * Where a run came from, derived from its mode, dry-run flag and replay: a dry run or a replay
 * says so whatever started it; `manual` is the editor's Run button and the run API.
 */
export const executionSources = [
  'production',
  'test',
  'manual',
  'replay',
  'dry-run',
  'schedule',
  'poll',
] as const;
export type ExecutionSource = (typeof executionSources)[number];

/** How a retry starts the next attempt: from the failed step (keeping what succeeded) or anew. */
export const retryFromValues = ['failed', 'start'] as const;
export type RetryFrom = (typeof retryFromValues)[number];

/** One attempt of a run: earlier ones are kept as they ended when the run was retried. */
export interface RunAttempt {
  attempt: number;
  status: ExecutionStatus;
  error: string | null;
  /** How this attempt was started; null for the first. */
  startedFrom: RetryFrom | null;
  startedAt: string | null;
  finishedAt: string | null;
  steps: StepRun[];
}

export interface ExecutionSummary {
  id: string;
  flowId: string;
  /** Published version that ran; null for a draft (test) run. */
  version: number | null;
  status: ExecutionStatus;
  deliveryId: string | null;
  /** Side-effecting steps described what they would send instead of sending it. */
  dryRun: boolean;
  /** Set when the run replays a delivery, e.g. a rejected one replayed anyway. */
  replay: ExecutionReplay | null;
  source: ExecutionSource;
  /** The trigger request in a line: method and the body's first characters (a poll: the item id). */
  triggerSummary: string;
  /** Why the current attempt failed as a whole ("Step Call API failed: …", "The flow was deleted"). */
  error: string | null;
  /** The current attempt's number (1 unless retried) and how it was started. */
  attempt: number;
  retriedFrom: RetryFrom | null;
  /** How many earlier attempts failed: a run retried to success still shows it failed once. */
  failedAttempts: number;
  createdAt: string;
  /** The current attempt's start and end. */
  startedAt: string | null;
  finishedAt: string | null;
}

/** `GET …/executions/:id`: the trigger request has secret headers redacted. */
export interface Execution extends ExecutionSummary {
  trigger: TriggerRequestContext;
  steps: StepRun[];
  /** Every attempt, oldest first; the last is the current one (its steps are `steps`). */
  attempts: RunAttempt[];
}

/** A page of a newest-first list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The longest search text: the search scans stored bodies, so it stays short. */
export const EXECUTION_SEARCH_MAX = 200;

/**
 * `status=failed` also finds runs an earlier attempt of which failed (retried since); `q` is an
 * execution id (or its start) or text in the trigger body; `from`/`to` bound the creation time.
 */
export const listExecutionsQuerySchema = z
  .object({
    flowId: z.uuid().optional(),
    status: z.enum(executionStatuses).optional(),
    source: z.enum(executionSources).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    q: z.string().trim().min(1).max(EXECUTION_SEARCH_MAX).optional(),
    cursor: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to), {
    path: ['to'],
    message: 'must not be before "from"',
  });

export const retryExecutionBodySchema = z.object({ from: z.enum(retryFromValues) });

export type ListExecutionsQuery = z.infer<typeof listExecutionsQuerySchema>;
export type RetryExecutionBody = z.infer<typeof retryExecutionBodySchema>;

/** Messages of the live-progress stream (`GET …/executions/:id/events`). */
export type ExecutionEvent =
  | { type: 'execution'; executionId: string; status: ExecutionStatus }
  | { type: 'step'; executionId: string; step: StepRun };
