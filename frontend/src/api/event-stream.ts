import type { ExecutionEvent } from '@hookflow/shared';
import { ApiError } from './client';

/**
 * Reads a Server-Sent Events stream with fetch() (the session cookie goes along), which unlike
 * EventSource lets the caller abort and see HTTP errors. Resolves when the server ends the
 * stream; rejects on HTTP or network errors.
 */
export async function readEventStream(
  path: string,
  onEvent: (event: ExecutionEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(path, {
    headers: { Accept: 'text/event-stream' },
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok || !response.body) {
    throw new ApiError({
      statusCode: response.status,
      error: response.statusText,
      message: `Live progress is unavailable (${response.status}).`,
    });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const event = parseEvent(buffer.slice(0, boundary));
      if (event) onEvent(event);
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
    }
  }
}

/** One `event:`/`data:` block; comments (heartbeats) and unknown events are skipped. */
export function parseEvent(block: string): ExecutionEvent | undefined {
  const data = block
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trimStart())
    .join('\n');
  if (!data) return undefined;
  try {
    return JSON.parse(data) as ExecutionEvent;
  } catch {
    return undefined;
  }
}
