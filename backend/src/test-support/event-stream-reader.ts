import { waitFor } from './wait-for.js';

/**
 * Reads a Server-Sent Events stream in the background and keeps every event, so a test can
 * act and then wait for what it expects to hear (or check what it did not).
 */
export class EventStreamReader<Event> {
  readonly events: Event[] = [];
  private readonly abort = new AbortController();
  private reading?: Promise<void>;
  /** True once the server ended the stream (not when `close()` aborted it). */
  endedByServer = false;

  /**
   * Opens the stream with a bearer token or other headers (e.g. a cookie); resolves with the
   * HTTP status once the headers arrived.
   */
  async open(url: string, as?: string | Record<string, string>): Promise<number> {
    const response = await fetch(url, {
      headers: typeof as === 'string' ? { authorization: `Bearer ${as}` } : (as ?? {}),
      signal: this.abort.signal,
    });
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      return response.status;
    }
    const reader = response.body.getReader();
    let buffer = '';
    this.reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          this.endedByServer = true;
          return;
        }
        buffer += Buffer.from(value).toString('utf8');
        const frames = buffer.split('\n\n');
        buffer = frames.pop()!;
        for (const frame of frames) {
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (data) this.events.push(JSON.parse(data.slice(6)) as Event);
        }
      }
    })().catch(() => undefined);
    return response.status;
  }

  async waitFor(what: string, found: (event: Event) => boolean, timeoutMs = 20_000) {
    await waitFor(async () => this.events.some(found), timeoutMs, what);
    return this.events.find(found)!;
  }

  async waitForEnd(what: string, timeoutMs = 20_000): Promise<void> {
    await waitFor(async () => this.endedByServer, timeoutMs, what);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.reading;
  }
}
