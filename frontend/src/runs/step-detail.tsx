import type { StepRun } from '@hookflow/shared';
import { formatDuration } from './format-duration';

const json = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value, null, 2));

/** What happens after this error: another attempt, or none (and after how many). */
export function errorOutcome(step: StepRun): string {
  if (step.status === 'waiting') return 'will retry';
  if (step.attempt > 1) return `failed after ${step.attempt} attempts`;
  return step.error?.retryable ? 'failed after 1 attempt' : 'not retryable';
}

/** Input, output, error, attempts and timings of one step run. */
export function StepDetail({ step }: { step: StepRun }) {
  return (
    <div className="step-detail" aria-label={`Step ${step.name} details`}>
      <p className="muted small">
        Attempt {step.attempt} · started {new Date(step.startedAt).toLocaleTimeString()} ·{' '}
        {formatDuration(step.startedAt, step.finishedAt) ??
          (step.status === 'waiting' ? 'waiting' : 'running')}
      </p>
      {step.error && (
        <div className="form-error" role="alert">
          <strong>{step.error.code ?? 'Error'}</strong>: {step.error.message}
          <span className="muted small" data-testid="step-error-outcome">
            {' '}
            ({errorOutcome(step)})
          </span>
        </div>
      )}
      <details open={!!step.output}>
        <summary>Output</summary>
        <pre className="code-block" data-testid="step-output">
          {json(step.output)}
        </pre>
      </details>
      <details>
        <summary>Input</summary>
        <pre className="code-block">{json(step.input)}</pre>
      </details>
    </div>
  );
}
