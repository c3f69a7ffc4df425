import type { NodeRetryPolicy } from '@hookflow/shared';
import type { StepFailure } from './step-failure.js';

export interface RetryPolicy {
  /** Total tries including the first; 1 means never retry. */
  attempts: number;
  backoff: 'fixed' | 'exponential';
  /** Fixed: the wait between tries. Exponential: the wait before the second try, before jitter. */
  delayMs: number;
  factor: number;
  /** Upper bound of a computed backoff. */
  maxDelayMs: number;
  /** Upper bound of a server's Retry-After we are willing to wait for. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = {
  attempts: 3,
  backoff: 'exponential',
  delayMs: 1000,
  factor: 2,
  maxDelayMs: 10 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not-retryable' | 'attempts-exhausted' };

/** The default policy with a node's own `retry` settings (DESIGN §3) laid over it. */
export function retryPolicyFor(node: { retry?: NodeRetryPolicy }): RetryPolicy {
  return node.retry ? { ...defaultRetryPolicy, ...node.retry } : { ...defaultRetryPolicy };
}

/**
 * The wait before the try after `attempt` (1-based). Exponential backoff uses "equal jitter":
 * half the computed delay is kept and the other half is random, so concurrent runs spread out
 * without any retry firing almost immediately (as full jitter can). Fixed backoff waits exactly
 * what the user asked for.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  if (policy.backoff === 'fixed') return Math.min(policy.delayMs, policy.maxDelayMs);
  const base = Math.min(policy.delayMs * policy.factor ** (attempt - 1), policy.maxDelayMs);
  return Math.round(base / 2 + random() * (base / 2));
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
