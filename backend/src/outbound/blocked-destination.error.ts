/**
 * Thrown (and, inside fetch, passed to the connection callback) when the outbound guard refuses
 * a destination. `code` is what engine/http-failure.ts recognises as a non-retryable refusal.
 */
export class BlockedDestinationError extends Error {
  readonly code = 'BLOCKED_DESTINATION';

  constructor(message: string) {
    super(message);
    this.name = 'BlockedDestinationError';
  }

  static privateAddress(hostname: string, address: string, range: string): BlockedDestinationError {
    const target = hostname === address ? address : `${hostname} at ${address}`;
    return new BlockedDestinationError(
      `Refused to connect to ${target} (${range}): private destinations are blocked; ` +
        'set OUTBOUND_ALLOWLIST or OUTBOUND_ALLOW_PRIVATE',
    );
  }

  static scheme(url: URL): BlockedDestinationError {
    return new BlockedDestinationError(
      `Refused to fetch a ${url.protocol} URL: only http and https are allowed`,
    );
  }
}

/** The guard's refusal inside an error chain (fetch wraps it as `TypeError('fetch failed')`). */
export function findBlockedDestination(error: unknown): BlockedDestinationError | undefined {
  let current = error;
  for (let depth = 0; depth < 10 && current instanceof Error; depth++) {
    if (current instanceof BlockedDestinationError) return current;
    current = current.cause;
  }
  return undefined;
}
