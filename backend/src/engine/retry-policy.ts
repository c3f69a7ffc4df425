import type { NodeRetryPolicy } from '@hookflow/shared';
import type { StepFailure } from './step-failure.js';

export interface RetryPolicy {
  /** Total tries including the first; 1 means never retry. */
  attempts: number;
  backoff: 'fixed' | 'exponential' | 'schedule';
  /** Fixed: the wait between tries. Exponential: the wait before the second try, before jitter. */
  delayMs: number;
  factor: number;
  /** Upper bound of a computed backoff. */
  maxDelayMs: number;
  /** Schedule: the wait before each retry, in order (`attempts` is its length + 1). */
  schedule: readonly number[];
  /** Upper bound of a server's Retry-After we are willing to wait for. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = {
  attempts: 3,
  backoff: 'exponential',
  delayMs: 1000,
  factor: 2,
  maxDelayMs: 10 * 60_000,
  schedule: [],
  maxRetryAfterMs: 60 * 60_000,
};

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not-retryable' | 'attempts-exhausted' };

/**
 * The step's retry settings: the node's own `retry`, else its type's default (e.g.
 * `webhook.send` retries on Svix's schedule), laid over the engine's default.
 */
export function retryPolicyFor(
  node: { retry?: NodeRetryPolicy },
  typeDefault?: NodeRetryPolicy,
): RetryPolicy {
  const chosen = node.retry ?? typeDefault;
  if (!chosen) return { ...defaultRetryPolicy };
  if (chosen.backoff === 'schedule') {
    return {
      ...defaultRetryPolicy,
      backoff: 'schedule',
      schedule: chosen.schedule,
      attempts: chosen.schedule.length + 1,
    };
  }
  return { ...defaultRetryPolicy, ...chosen };
}

/**
 * The wait before the try after `attempt` (1-based). Exponential backoff uses "equal jitter":
 * half the computed delay is kept and the other half is random, so concurrent runs spread out
 * without any retry firing almost immediately (as full jitter can). A schedule's waits get ±10 %
 * so a receiver that comes back is not hit by every queued retry at once. Fixed backoff waits
 * exactly what the user asked for.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  switch (policy.backoff) {
    case 'fixed':
      return Math.min(policy.delayMs, policy.maxDelayMs);
    case 'schedule': {
      const wait = policy.schedule[Math.min(attempt, policy.schedule.length) - 1] ?? 0;
      return Math.round(wait * (0.9 + random() * 0.2));
    }
    case 'exponential': {
      const base = Math.min(policy.delayMs * policy.factor ** (attempt - 1), policy.maxDelayMs);
      return Math.round(base / 2 + random() * (base / 2));
    }
  }
}

/** Whether a step that failed on try `attempt` (1-based) runs again, and after how long. */
export function decideRetry(
  policy: RetryPolicy,
  attempt: number,
  failure: StepFailure,
  random = Math.random,
): RetryDecision {
  if (!failure.retryable) return { retry: false, reason: 'not-retryable' };
  if (attempt >= policy.attempts) return { retry: false, reason: 'attempts-exhausted' };
  const backoff = backoffDelay(policy, attempt, random);
  const retryAfter = Math.min(failure.retryAfterMs ?? 0, policy.maxRetryAfterMs);
  return { retry: true, delayMs: Math.max(backoff, retryAfter) };
}
