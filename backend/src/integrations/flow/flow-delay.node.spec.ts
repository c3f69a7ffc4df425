import { jest } from '@jest/globals';
import { flowDelayHandler as sut } from './flow-delay.node.js';
import { aRunInput } from '../../test-support/node-test-input.js';

describe('flow.delay', () => {
  const now = Date.parse('2025-01-06T09:00:00.000Z');
  beforeEach(() => jest.useFakeTimers({ now }));
  afterEach(() => jest.useRealTimers());

  it('resumes after ms', async () => {
    const result = await sut.run(aRunInput(sut, { ms: 90_000 }));

    expect(result).toEqual({
      output: { resumeAt: '2025-01-06T09:01:30.000Z' },
      resumeAt: new Date('2025-01-06T09:01:30.000Z'),
    });
  });

  it('resumes at until', async () => {
    const result = await sut.run(aRunInput(sut, { until: '2025-01-07T08:00:00+01:00' }));

    expect(result.resumeAt).toEqual(new Date('2025-01-07T07:00:00.000Z'));
  });

  it('resumes at once when until has passed', async () => {
    const result = await sut.run(aRunInput(sut, { until: '2024-12-31T00:00:00Z' }));

    expect(result.resumeAt).toEqual(new Date(now));
  });

  it('takes the later moment when both are set', async () => {
    const result = await sut.run(aRunInput(sut, { ms: 60_000, until: '2025-01-06T09:00:30Z' }));

    expect(result.resumeAt).toEqual(new Date(now + 60_000));
  });

  it('fails a date it cannot read as a config error', async () => {
    await expect(sut.run(aRunInput(sut, { until: 'next tuesday' }))).rejects.toMatchObject({
      code: 'CONFIG',
      retryable: false,
      message: '"next tuesday" is not a date and time (ISO 8601 expected)',
    });
  });
});
