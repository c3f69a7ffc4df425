import type { Response } from 'express';

const HEARTBEAT_MS = 15000;

export interface EventStream<Event extends { type: string }> {
  /** Writes one event, named by its `type`. */
  send(event: Event): void;
  /** Ends the stream (once; also runs when the client goes away). */
  close(): void;
}

/**
 * Opens a Server-Sent Events response with a heartbeat that keeps proxies from timing it out;
 * `onClose` runs once, whichever side ends it.
 */
export function openEventStream<Event extends { type: string }>(
  response: Response,
  onClose: () => void,
): EventStream<Event> {
  response.status(200).set({
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  let closed = false;
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    onClose();
    response.end();
  };
  response.on('close', close);
  return {
    send: (event) => {
      if (!closed) response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    },
    close,
  };
}
