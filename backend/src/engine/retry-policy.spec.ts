import type { NodeRetryPolicy } from '@hookflow/shared';
import { aNode } from '../test-support/engine-test-factories.js';
import {
  backoffDelay,
  decideRetry,
  defaultRetryPolicy,
  retryPolicyFor,
  type RetryPolicy,
} from './retry-policy.js';
import { StepFailure } from './step-failure.js';

const retryable = new StepFailure('503', { code: 'HTTP_STATUS', retryable: true });
const fatal = new StepFailure('404', { code: 'HTTP_STATUS', retryable: false });
const policy: RetryPolicy = { ...defaultRetryPolicy };

describe(decideRetry.name, () => {
  it('retries a retryable failure while attempts remain', () => {
    expect(decideRetry(policy, 1, retryable, () => 1)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(policy, 2, retryable, () => 1)).toEqual({ retry: true, delayMs: 2000 });
  });

  it('gives up when attempts are exhausted', () => {
    expect(decideRetry(policy, 3, retryable)).toEqual({
      retry: false,
      reason: 'attempts-exhausted',
    });
  });

  it('never retries a non-retryable failure', () => {
    expect(decideRetry(policy, 1, fatal)).toEqual({ retry: false, reason: 'not-retryable' });
  });

  it('waits at least as long as Retry-After asks, up to an hour', () => {
    const later = new StepFailure('429', {
      code: 'HTTP_STATUS',
      retryable: true,
      retryAfterMs: 120_000,
    });
    const tooLate = new StepFailure('429', {
      code: 'HTTP_STATUS',
      retryable: true,
      retryAfterMs: 86_400_000,
    });

    expect(decideRetry(policy, 1, later, () => 0)).toEqual({ retry: true, delayMs: 120_000 });
    expect(decideRetry(policy, 1, tooLate, () => 0)).toEqual({ retry: true, delayMs: 3_600_000 });
  });
});

describe(backoffDelay.name, () => {
  it('uses equal jitter: between half and all of the exponential delay', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(500);
    expect(backoffDelay(policy, 1, () => 0.5)).toBe(750);
    expect(backoffDelay(policy, 3, () => 0)).toBe(2000);
    expect(backoffDelay(policy, 3, () => 0.999999)).toBe(4000);
  });

  it('caps the delay', () => {
    expect(backoffDelay({ ...policy, maxDelayMs: 5000 }, 20, () => 1)).toBe(5000);
  });

  it('waits exactly the fixed delay, without jitter', () => {
    const fixed: RetryPolicy = { ...policy, backoff: 'fixed', delayMs: 300 };
    expect(backoffDelay(fixed, 1, () => 0)).toBe(300);
    expect(backoffDelay(fixed, 5, () => 0.9)).toBe(300);
  });
});

describe('a retry schedule', () => {
  const scheduled = retryPolicyFor(
    aNode('a', { retry: { backoff: 'schedule', schedule: [1000, 60_000] } }),
  );

  it('waits each listed delay in turn, ±10 %, then gives up', () => {
    expect(decideRetry(scheduled, 1, retryable, () => 0.5)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(scheduled, 2, retryable, () => 0)).toEqual({ retry: true, delayMs: 54_000 });
    expect(decideRetry(scheduled, 2, retryable, () => 1)).toEqual({ retry: true, delayMs: 66_000 });
    expect(decideRetry(scheduled, 3, retryable)).toEqual({
      retry: false,
      reason: 'attempts-exhausted',
    });
  });

  it('is not capped like computed backoff, and still honours a longer Retry-After', () => {
    const long = retryPolicyFor(
      aNode('a', { retry: { backoff: 'schedule', schedule: [36_000_000] } }),
    );
    const later = new StepFailure('429', {
      code: 'HTTP_STATUS',
      retryable: true,
      retryAfterMs: 120_000,
    });

    expect(decideRetry(long, 1, retryable, () => 0.5)).toEqual({
      retry: true,
      delayMs: 36_000_000,
    });
    expect(decideRetry(scheduled, 1, later, () => 0.5)).toEqual({ retry: true, delayMs: 120_000 });
  });
});

describe(retryPolicyFor.name, () => {
  it('defaults to 3 exponential attempts from 1 s', () => {
    expect(retryPolicyFor(aNode('a'))).toMatchObject({
      attempts: 3,
      backoff: 'exponential',
      delayMs: 1000,
    });
  });

  it("takes the node's own settings", () => {
    const node = aNode('a', { retry: { attempts: 5, backoff: 'fixed', delayMs: 250 } });
    const sut = retryPolicyFor(node);

    expect(sut).toMatchObject({ attempts: 5, backoff: 'fixed', delayMs: 250 });
    expect(decideRetry(sut, 4, retryable)).toEqual({ retry: true, delayMs: 250 });
  });

  it("uses the node type's default when the node sets none, and the node's own over it", () => {
    const typeDefault: NodeRetryPolicy = { backoff: 'schedule', schedule: [10, 20] };

    expect(retryPolicyFor(aNode('a'), typeDefault)).toMatchObject({
      attempts: 3,
      backoff: 'schedule',
      schedule: [10, 20],
    });
    expect(
      retryPolicyFor(
        aNode('a', { retry: { attempts: 1, backoff: 'fixed', delayMs: 0 } }),
        typeDefault,
      ),
    ).toMatchObject({ attempts: 1, backoff: 'fixed' });
  });
});
