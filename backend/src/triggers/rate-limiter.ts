/**
 * Fixed one-minute windows per trigger, kept in this process. In server mode with several api
 * processes each enforces the limit on its own share of the traffic (documented in the README).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Seconds until the caller may retry, or 0 when this request is within the limit. */
  take(key: string, perMinute: number, now = Date.now()): number {
    const windowStart = now - (now % 60_000);
    let window = this.windows.get(key);
    if (!window || window.start !== windowStart) {
      window = { start: windowStart, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 10_000) this.evictBefore(windowStart);
    }
    window.count++;
    return window.count > perMinute ? Math.ceil((windowStart + 60_000 - now) / 1000) : 0;
  }

  private evictBefore(windowStart: number) {
    for (const [key, window] of this.windows)
      if (window.start < windowStart) this.windows.delete(key);
  }
}
