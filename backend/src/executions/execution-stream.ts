import type { Execution, ExecutionEvent } from '@hookflow/shared';
import type { Response } from 'express';

const HEARTBEAT_MS = 15000;

/**
 * Streams an execution as Server-Sent Events: the current state first, then every change as
 * `ExecutionEvent`s, until the execution finishes or the client goes away.
 */
export function streamExecution(
  response: Response,
  load: () => Promise<Execution>,
  subscribe: (onChange: () => void) => () => void,
): void {
  response.status(200).set({
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  const sent = new Map<string, string>();
  let lastStatus = '';
  let closed = false;
  // Changes are read one at a time so events leave in the order things happened.
  let queue = Promise.resolve();

  const send = (event: ExecutionEvent) =>
    response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  const refresh = () => {
    queue = queue
      .then(async () => {
        if (closed) return;
        const execution = await load();
        for (const step of execution.steps) {
          const snapshot = JSON.stringify(step);
          if (sent.get(step.id) === snapshot) continue;
          sent.set(step.id, snapshot);
          send({ type: 'step', executionId: execution.id, step });
        }
        if (execution.status !== lastStatus) {
          lastStatus = execution.status;
          send({ type: 'execution', executionId: execution.id, status: execution.status });
        }
        if (['succeeded', 'failed', 'canceled'].includes(execution.status)) close();
      })
      .catch(() => close());
  };
  const unsubscribe = subscribe(refresh);
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
  function close() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    response.end();
  }
  response.on('close', close);
  refresh();
}
