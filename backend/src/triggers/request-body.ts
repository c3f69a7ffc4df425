import type { IncomingMessage } from 'node:http';

export type BodyRead =
  | { ok: true; body: Buffer }
  /** `received`: bytes read before giving up. */
  | { ok: false; problem: 'too_large' | 'timeout'; received: number };

/**
 * Reads a trigger request's body as bytes, giving up as soon as it passes `limit` or has not
 * arrived in full within `timeoutMs`. A request given up
 * on is paused, never drained: its reply carries `Connection: close`, so Node ends the socket
 * after it instead of reading the rest.
 */
export function readBody(
  request: IncomingMessage,
  limit: number,
  timeoutMs: number,
): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead) => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish(giveUp(request, 'too_large', size));
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    // A client that went away mid-body: treated like a timeout, nobody hears the answer.
    const onError = () => finish(giveUp(request, 'timeout', size));
    const timer = setTimeout(() => finish(giveUp(request, 'timeout', size)), timeoutMs);
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function giveUp(request: IncomingMessage, problem: 'too_large' | 'timeout', received: number) {
  // Nothing more is pulled off the wire; the socket is destroyed after the reply.
  request.pause();
  return { ok: false as const, problem, received };
}
