import { ExpressionError } from '@hookflow/shared';
import { failureFromNetworkError } from './http-failure.js';
import { StepFailure } from './step-failure.js';

const networkCode = /^(E[A-Z]+|UND_ERR_[A-Z_]+|BLOCKED_DESTINATION)$/;

/**
 * Whatever a handler threw, as a StepFailure the retry policy can judge. Errors nobody
 * classified are bugs or bad input, which trying again would not fix: they fail fast.
 */
export function asStepFailure(error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  if (error instanceof ExpressionError) {
    return new StepFailure(error.message, { code: 'EXPRESSION', retryable: false });
  }
  if (isNetworkError(error)) return failureFromNetworkError(error);
  const message = error instanceof Error ? error.message : String(error);
  return new StepFailure(message, { code: 'INTERNAL', retryable: false });
}

function isNetworkError(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 10 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return true;
    if (typeof code === 'string' && networkCode.test(code)) return true;
    current = current.cause;
  }
  return false;
}
