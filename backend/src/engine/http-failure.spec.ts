import { failureFromNetworkError, failureFromResponse, parseRetryAfter } from './http-failure.js';

const post = { method: 'POST', url: 'https://api.test/v1/orders?api_key=secret' };

describe(failureFromResponse.name, () => {
  it.each([
    [408, true],
    [425, true],
    [429, true],
    [500, true],
    [503, true],
    [599, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [422, false],
  ])('classifies %i as retryable: %s', (status, retryable) => {
    const sut = failureFromResponse(status, {});

    expect(sut.code).toBe('HTTP_STATUS');
    expect(sut.retryable).toBe(retryable);
  });

  it('says who answered what, without the query string', () => {
    const sut = failureFromResponse(503, {}, ' {"error":"down"} ', post);

    expect(sut.message).toBe(
      'POST https://api.test/v1/orders answered 503 Service Unavailable: {"error":"down"}',
    );
    expect(sut.options.details).toEqual({ status: 503, body: ' {"error":"down"} ' });
  });

  it('reads Retry-After from plain or Headers objects', () => {
    expect(failureFromResponse(429, { 'Retry-After': '30' }).retryAfterMs).toBe(30_000);
    expect(failureFromResponse(429, new Headers({ 'retry-after': '2' })).retryAfterMs).toBe(2000);
    expect(failureFromResponse(503, {}).retryAfterMs).toBeUndefined();
  });
});

describe(parseRetryAfter.name, () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('accepts seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe(failureFromNetworkError.name, () => {
  const fetchFailed = (cause: object) => new TypeError('fetch failed', { cause });
  const socketError = (code: string, extra: object = {}) =>
    Object.assign(new Error(`connect ${code}`), { code, ...extra });

  it('names a refused connection by address and port', () => {
    const sut = failureFromNetworkError(
      fetchFailed(socketError('ECONNREFUSED', { address: '127.0.0.1', port: 9 })),
    );

    expect(sut.message).toBe('Connection refused by 127.0.0.1:9');
    expect(sut).toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('finds the cause inside an AggregateError (happy eyeballs)', () => {
    const aggregate = Object.assign(
      new AggregateError([socketError('ECONNREFUSED', { address: '::1', port: 80 })], ''),
      { code: undefined },
    );

    expect(failureFromNetworkError(fetchFailed(aggregate)).message).toBe(
      'Connection refused by ::1:80',
    );
  });

  it('reports DNS failures with the host name', () => {
    const sut = failureFromNetworkError(
      fetchFailed(socketError('ENOTFOUND', { hostname: 'nope.invalid' })),
      post,
    );

    expect(sut.message).toBe(
      'Could not find the host nope.invalid (DNS lookup failed) (POST https://api.test/v1/orders)',
    );
    expect(sut.retryable).toBe(true);
  });

  it.each(['TimeoutError', 'AbortError'])('turns a %s into a retryable TIMEOUT', (name) => {
    const sut = failureFromNetworkError(new DOMException('aborted', name), undefined, 30_000);

    expect(sut.message).toBe('No answer within 30000 ms');
    expect(sut).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('keeps an outbound-guard refusal non-retryable, with its message', () => {
    const refusal = Object.assign(new Error('10.0.0.5 is a private address'), {
      code: 'BLOCKED_DESTINATION',
    });

    expect(failureFromNetworkError(fetchFailed(refusal))).toMatchObject({
      message: '10.0.0.5 is a private address',
      code: 'BLOCKED',
      retryable: false,
    });
    expect(failureFromNetworkError(refusal).code).toBe('BLOCKED');
  });

  it('does not retry certificate errors', () => {
    const sut = failureFromNetworkError(fetchFailed(socketError('CERT_HAS_EXPIRED')), post);

    expect(sut).toMatchObject({ code: 'TLS', retryable: false });
    expect(sut.message).toContain('api.test');
  });
});
