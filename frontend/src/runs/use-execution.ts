import type { Execution, ExecutionEvent, ExecutionStatus } from '@hookflow/shared';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { executionPath, executionsApi } from '../api/endpoints';
import { readEventStream } from '../api/event-stream';

const POLL_MS = 1000;
const FINISHED: ReadonlySet<ExecutionStatus> = new Set(['succeeded', 'failed', 'canceled']);

export const isFinished = (status: ExecutionStatus) => FINISHED.has(status);

export function applyExecutionEvent(execution: Execution, event: ExecutionEvent): Execution {
  if (event.type === 'execution') return { ...execution, status: event.status };
  const steps = execution.steps.some((step) => step.id === event.step.id)
    ? execution.steps.map((step) => (step.id === event.step.id ? event.step : step))
    : [...execution.steps, event.step];
  return { ...execution, steps };
}

/**
 * One execution, kept live: loaded once, then updated from the SSE stream; if the stream is
 * unavailable or ends early, polled until the run finishes. `reloadKey` starts over (after a retry).
 */
export function useExecution(teamId: string, executionId: string, reloadKey: number) {
  const [execution, setExecution] = useState<Execution | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const fetchOnce = async () => {
      const latest = await executionsApi.get(teamId, executionId, signal);
      if (!signal.aborted) {
        setExecution(latest);
        setError(null);
      }
      return latest;
    };
    const follow = async () => {
      let latest = await fetchOnce();
      if (isFinished(latest.status)) return;
      try {
        await readEventStream(
          `${executionPath(teamId, executionId)}/events`,
          (event) =>
            setExecution((current) => (current ? applyExecutionEvent(current, event) : current)),
          signal,
        );
      } catch {
        // Fall through to polling.
      }
      while (!signal.aborted) {
        latest = await fetchOnce();
        if (isFinished(latest.status)) return;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    };
    follow().catch((caught: unknown) => {
      if (!signal.aborted) setError(caught as ApiError);
    });
    return () => controller.abort();
  }, [teamId, executionId, reloadKey]);

  return { execution, error };
}
