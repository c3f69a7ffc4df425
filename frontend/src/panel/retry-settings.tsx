import type { NodeRetryPolicy } from '@hookflow/shared';
import { useState } from 'react';
import { describeRetry, formatWait, parseWaits } from './retry-text';

type Mode = 'default' | 'none' | 'fixed' | 'exponential' | 'schedule';

export interface RetrySettingsProps {
  id: string;
  /** The step's own settings; undefined means its type's default. */
  value: NodeRetryPolicy | undefined;
  typeDefault: NodeRetryPolicy | undefined;
  /** `null` goes back to the type's default. */
  onChange: (retry: NodeRetryPolicy | null) => void;
}

const modeOf = (value: NodeRetryPolicy | undefined): Mode => {
  if (!value) return 'default';
  if (value.backoff !== 'schedule' && value.attempts === 1) return 'none';
  return value.backoff;
};

/** What to do when the step fails with a retryable error (timeouts, 429, 5xx…). */
export function RetrySettings({ id, value, typeDefault, onChange }: RetrySettingsProps) {
  const mode = modeOf(value);
  const computed = value && value.backoff !== 'schedule' ? value : undefined;
  const schedule = value?.backoff === 'schedule' ? value.schedule : undefined;
  const [scheduleText, setScheduleText] = useState(() =>
    (schedule ?? [5_000, 60_000, 600_000]).map(formatWait).join(', '),
  );
  const [scheduleError, setScheduleError] = useState<string | null>(null);

  const choose = (next: Mode) => {
    setScheduleError(null);
    switch (next) {
      case 'default':
        return onChange(null);
      case 'none':
        return onChange({ backoff: 'fixed', attempts: 1, delayMs: 0 });
      case 'fixed':
      case 'exponential':
        return onChange({
          backoff: next,
          attempts: Math.max(computed?.attempts ?? 3, 2),
          delayMs: computed?.delayMs || 1000,
        });
      case 'schedule':
        return applySchedule(scheduleText);
    }
  };
  const applySchedule = (text: string) => {
    setScheduleText(text);
    const parsed = parseWaits(text);
    if ('error' in parsed) return setScheduleError(parsed.error);
    if (parsed.waits.length > 19) return setScheduleError('At most 19 retries');
    setScheduleError(null);
    onChange({ backoff: 'schedule', schedule: parsed.waits });
  };

  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-mode`}>
          When the step fails
        </label>
        <select
          id={`${id}-mode`}
          value={mode}
          onChange={(event) => choose(event.target.value as Mode)}
        >
          <option value="default">Default: {describeRetry(typeDefault)}</option>
          <option value="none">Don’t retry</option>
          <option value="fixed">Retry at a fixed interval</option>
          <option value="exponential">Retry with exponential backoff</option>
          <option value="schedule">Retry on a schedule</option>
        </select>
        <span className="field__hint">
          Timeouts, network errors, 408, 429 and 5xx answers are retried; a Retry-After header is
          honoured. Other errors fail at once.
        </span>
      </div>
      {computed && mode !== 'none' && (
        <div className="field-row">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-attempts`}>
              Tries in all
            </label>
            <input
              id={`${id}-attempts`}
              type="number"
              min={2}
              max={20}
              value={computed.attempts}
              onChange={(event) => {
                const attempts = Math.round(Number(event.target.value));
                if (attempts >= 2 && attempts <= 20) onChange({ ...computed, attempts });
              }}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-delay`}>
              {computed.backoff === 'fixed' ? 'Wait (seconds)' : 'First wait (seconds)'}
            </label>
            <input
              id={`${id}-delay`}
              type="number"
              min={0}
              max={86_400}
              step="any"
              value={computed.delayMs / 1000}
              onChange={(event) => {
                const delayMs = Math.round(Number(event.target.value) * 1000);
                if (delayMs >= 0 && delayMs <= 86_400_000) onChange({ ...computed, delayMs });
              }}
            />
          </div>
        </div>
      )}
      {mode === 'schedule' && (
        <div className={scheduleError ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor={`${id}-schedule`}>
            Waits before each retry
          </label>
          <input
            id={`${id}-schedule`}
            value={scheduleText}
            placeholder="5s, 5m, 30m, 2h"
            onChange={(event) => applySchedule(event.target.value)}
          />
          {scheduleError ? (
            <span className="field__error">{scheduleError}</span>
          ) : (
            <span className="field__hint">{describeRetry(value)}, with ±10 % jitter.</span>
          )}
        </div>
      )}
    </>
  );
}
