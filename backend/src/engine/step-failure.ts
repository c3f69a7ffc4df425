import { redactText } from '@hookflow/shared';

/**
 * The one error type handlers throw. Its message is stored, streamed and logged, so URL
 * passwords, `api_key=…` and `Bearer …` tokens in it are redacted here, at the source. `retryable` decides whether the step's retry policy
 * applies (network errors, timeouts, 408/429/5xx); `retryAfterMs` carries a server's
 * Retry-After so the next attempt waits at least that long.
 */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly options: {
      code: string;
      retryable: boolean;
      retryAfterMs?: number;
      details?: unknown;
    },
  ) {
    super(redactText(message));
    this.name = 'StepFailure';
  }

  get code(): string {
    return this.options.code;
  }

  get retryable(): boolean {
    return this.options.retryable;
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}
