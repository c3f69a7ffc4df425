import type { StepRun } from '@hookflow/shared';
import { render, screen } from '@testing-library/react';
import { StepDetail } from './step-detail';

const step = (overrides: Partial<StepRun>): StepRun => ({
  id: 's1',
  nodeId: 'n3',
  name: 'Send to ERP',
  nodeType: 'http.request',
  status: 'failed',
  attempt: 1,
  input: {},
  output: null,
  error: { message: 'answered 503', code: 'HTTP_STATUS', retryable: true },
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:00:00.030Z',
  ...overrides,
});

describe('StepDetail', () => {
  it.each([
    [{ status: 'waiting', finishedAt: null } as const, 'will retry'],
    [{ attempt: 3 }, 'failed after 3 attempts'],
    [{ attempt: 1 }, 'failed after 1 attempt'],
    [
      { error: { message: 'answered 400', code: 'HTTP_STATUS', retryable: false } },
      'not retryable',
    ],
  ])('says what follows the error (%o → %s)', (overrides, outcome) => {
    render(<StepDetail step={step(overrides)} />);
    expect(screen.getByTestId('step-error-outcome')).toHaveTextContent(`(${outcome})`);
    expect(screen.queryByText(/\(retryable\)/)).not.toBeInTheDocument();
  });

  it('is labelled with the step name', () => {
    render(<StepDetail step={step({})} />);
    expect(screen.getByLabelText('Step Send to ERP details')).toHaveTextContent('30 ms');
  });
});
