import type { Execution, ExecutionEvent } from '@hookflow/shared';
import type { Response } from 'express';
import { openEventStream, type EventStream } from '../common/server-sent-events.js';

/**
 * Streams an execution as Server-Sent Events: the current state first, then every change as
 * `ExecutionEvent`s, until the execution finishes or the client goes away.
 */
export function streamExecution(
  response: Response,
  load: () => Promise<Execution>,
  subscribe: (onChange: () => void) => () => void,
): EventStream<ExecutionEvent> {
  const sent = new Map<string, string>();
  let lastStatus = '';
  let closed = false;
  // Changes are read one at a time so events leave in the order things happened.
  let queue = Promise.resolve();
  let unsubscribe = () => undefined as void;
  const stream = openEventStream<ExecutionEvent>(response, () => {
    closed = true;
    unsubscribe();
  });

  const refresh = () => {
    queue = queue
      .then(async () => {
        if (closed) return;
        const execution = await load();
        for (const step of execution.steps) {
          const snapshot = JSON.stringify(step);
          if (sent.get(step.id) === snapshot) continue;
          sent.set(step.id, snapshot);
          stream.send({ type: 'step', executionId: execution.id, step });
        }
        if (execution.status !== lastStatus) {
          lastStatus = execution.status;
          stream.send({ type: 'execution', executionId: execution.id, status: execution.status });
        }
        if (['succeeded', 'failed', 'canceled'].includes(execution.status)) stream.close();
      })
      .catch(() => stream.close());
  };
  unsubscribe = subscribe(refresh);
  refresh();
  return stream;
}
