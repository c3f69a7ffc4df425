import type { StepRun } from '@hookflow/shared';

const json = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value, null, 2));

function duration(step: StepRun): string {
  if (!step.finishedAt) return 'running';
  return `${Date.parse(step.finishedAt) - Date.parse(step.startedAt)} ms`;
}

/** Input, output, error, attempts and timings of one step run. */
export function StepDetail({ step }: { step: StepRun }) {
  return (
    <div className="step-detail" aria-label={`Step ${step.nodeId} details`}>
      <p className="muted small">
        Attempt {step.attempt} · started {new Date(step.startedAt).toLocaleTimeString()} ·{' '}
        {duration(step)}
      </p>
      {step.error && (
        <div className="form-error" role="alert">
          <strong>{step.error.code ?? 'Error'}</strong>: {step.error.message}
          <span className="muted small">
            {' '}
            ({step.error.retryable ? 'retryable' : 'not retryable'})
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
