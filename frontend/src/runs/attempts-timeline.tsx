import type { RunAttempt } from '@hookflow/shared';
import { formatDuration } from './format-duration';

const STARTED_FROM = { failed: 'retried from the failed step', start: 'retried from the start' };

/** Every attempt of a run, oldest first: when, how it was started, how it ended, and its steps. */
export function AttemptsTimeline({ attempts }: { attempts: RunAttempt[] }) {
  return (
    <ol className="attempts" aria-label="Attempts">
      {attempts.map((attempt, index) => {
        const current = index === attempts.length - 1;
        return (
          <li key={attempt.attempt} className="attempts__item" data-testid="run-attempt">
            <div className="attempts__line">
              <span className={`badge badge--${attempt.status}`}>{attempt.status}</span>{' '}
              <strong>Attempt {attempt.attempt}</strong>
              {current && <span className="muted small"> (shown)</span>}
            </div>
            <p className="muted small">
              {attempt.startedFrom ? STARTED_FROM[attempt.startedFrom] : 'first run'}
              {attempt.startedAt && ` · ${new Date(attempt.startedAt).toLocaleString()}`}
              {formatDuration(attempt.startedAt, attempt.finishedAt) &&
                ` · took ${formatDuration(attempt.startedAt, attempt.finishedAt)}`}
            </p>
            {attempt.error && <p className="form-error small">{attempt.error}</p>}
            {!current && attempt.steps.length > 0 && (
              <details>
                <summary className="small">Steps of attempt {attempt.attempt}</summary>
                <ul className="attempts__steps">
                  {attempt.steps.map((step) => (
                    <li key={step.id}>
                      <span className={`badge badge--${step.status}`}>{step.status}</span>{' '}
                      {step.name}
                      {step.error && <span className="muted small"> — {step.error.message}</span>}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
