import { ExpressionError } from '@hookflow/shared';
import { asStepFailure } from './as-step-failure.js';
import { StepFailure } from './step-failure.js';

describe(asStepFailure.name, () => {
  it('passes StepFailures through', () => {
    const failure = new StepFailure('x', { code: 'HTTP_STATUS', retryable: true });

    expect(asStepFailure(failure)).toBe(failure);
  });

  it('classifies network errors and guard refusals', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED', address: '::1', port: 1 }),
    });
    const blocked = Object.assign(new Error('blocked'), { code: 'BLOCKED_DESTINATION' });

    expect(asStepFailure(refused)).toMatchObject({ code: 'NETWORK', retryable: true });
    expect(asStepFailure(blocked)).toMatchObject({ code: 'BLOCKED', retryable: false });
  });

  it('fails fast on expression errors and anything unclassified', () => {
    expect(asStepFailure(new ExpressionError('bad', 3))).toMatchObject({
      code: 'EXPRESSION',
      retryable: false,
    });
    expect(asStepFailure(new TypeError('x is undefined'))).toMatchObject({
      message: 'x is undefined',
      code: 'INTERNAL',
      retryable: false,
    });
  });
});
