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
  /** Why a failed run failed as a whole ("Step n3 failed: …", "The flow was deleted"). */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** `GET …/executions/:id`: the trigger request has secret headers redacted. */
export interface Execution extends ExecutionSummary {
  trigger: TriggerRequestContext;
  steps: StepRun[];
}

/** A page of a newest-first list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const listExecutionsQuerySchema = z.object({
  flowId: z.uuid().optional(),
  status: z.enum(executionStatuses).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const retryExecutionBodySchema = z.object({ from: z.enum(['failed', 'start']) });

export type ListExecutionsQuery = z.infer<typeof listExecutionsQuerySchema>;
export type RetryExecutionBody = z.infer<typeof retryExecutionBodySchema>;

/** Messages of the live-progress stream (`GET …/executions/:id/events`). */
export type ExecutionEvent =
  | { type: 'execution'; executionId: string; status: ExecutionStatus }
  | { type: 'step'; executionId: string; step: StepRun };
