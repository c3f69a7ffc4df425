import { StepFailure } from '../../engine/step-failure.js';
import { useRecordingServer } from '../../test-support/recording-server.js';
import { httpRequestHandler as sut, maxResponseBytes } from './http-request.node.js';
import { aRunInput, loopbackServices, failureOf } from '../../test-support/node-test-input.js';

const run = (config: Record<string, unknown>, overrides: Parameters<typeof aRunInput>[2] = {}) =>
  sut.run(aRunInput(sut, config, overrides));

describe('http.request', () => {
  const server = useRecordingServer();

  beforeEach(() => {
    server.respond = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"id":"ord_1","paid":true}');
    };
  });

  it('sends a GET with headers, query and the idempotency key, and parses a JSON answer', async () => {
    const result = await run({
      url: `${server.origin}/orders?status=open`,
      headers: { 'X-Trace': 't-1' },
      query: { page: '2', q: 'a b' },
    });

    expect(result.output).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json; charset=utf-8' }),
      body: { id: 'ord_1', paid: true },
    });
    expect(server.requests).toMatchObject([
      {
        method: 'GET',
        url: '/orders?status=open&page=2&q=a+b',
        body: '',
        headers: { 'x-trace': 't-1', 'idempotency-key': 'exe_1:n2' },
      },
    ]);
  });

  it('sends an object body as JSON', async () => {
    await run({ method: 'POST', url: server.origin, body: { orderId: 'ord_1', items: [1, 2] } });

    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      body: '{"orderId":"ord_1","items":[1,2]}',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('sends a text body as is, keeping a content type the user set', async () => {
    await run({
      method: 'PUT',
      url: server.origin,
      headers: { 'Content-Type': 'application/xml' },
      body: '<order id="1"/>',
    });

    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      body: '<order id="1"/>',
      headers: { 'content-type': 'application/xml' },
    });
  });

  it('returns a non-JSON answer as text', async () => {
    server.respond = (_request, response) => {
      response.writeHead(201, { 'content-type': 'text/plain' });
      response.end('{"looks":"like json"}');
    };

    const result = await run({ method: 'POST', url: server.origin, body: 'x' });

    expect(result.output).toMatchObject({ status: 201, body: '{"looks":"like json"}' });
  });

  it('returns an empty answer as empty text', async () => {
    server.respond = (_request, response) => {
      response.writeHead(204, { 'content-type': 'application/json' });
      response.end();
    };

    const result = await run({ method: 'DELETE', url: `${server.origin}/orders/1` });

    expect(result.output).toMatchObject({ status: 204, body: '' });
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', body: '' });
  });

  it.each([
    [{ type: 'http.bearer', data: { token: 'tok_123' } }, 'authorization', 'Bearer tok_123'],
    [
      { type: 'http.basic', data: { username: 'ada', password: 'pa:ss' } },
      'authorization',
      `Basic ${Buffer.from('ada:pa:ss').toString('base64')}`,
    ],
    [{ type: 'http.header', data: { name: 'X-API-Key', value: 'k_9' } }, 'x-api-key', 'k_9'],
  ])('authenticates with a %j credential', async (credential, header, value) => {
    await run({ url: server.origin, credentialId: 'cred_1' }, { credential });

    expect(server.requests[0].headers[header]).toBe(value);
  });

  it('refuses a credential type the node does not take', async () => {
    const failure = await failureOf(
      run({ url: server.origin }, { credential: { type: 'slack.bot', data: { token: 'x' } } }),
    );

    expect(failure).toMatchObject({ code: 'CREDENTIAL', retryable: false });
    expect(server.requests).toEqual([]);
  });

  it('fails a 503 as retryable', async () => {
    server.respond = (_request, response) => {
      response.writeHead(503);
      response.end('down for maintenance');
    };

    const failure = await failureOf(run({ url: `${server.origin}/orders?key=secret` }));

    expect(failure).toBeInstanceOf(StepFailure);
    expect(failure).toMatchObject({ code: 'HTTP_STATUS', retryable: true });
    expect(failure.message).toBe(
      `GET ${server.origin}/orders answered 503 Service Unavailable: down for maintenance`,
    );
  });

  it('fails a 404 fast', async () => {
    server.respond = (_request, response) => {
      response.writeHead(404);
      response.end();
    };

    const failure = await failureOf(run({ url: server.origin }));

    expect(failure).toMatchObject({ code: 'HTTP_STATUS', retryable: false });
  });

  it('passes on the Retry-After of a 429', async () => {
    server.respond = (_request, response) => {
      response.writeHead(429, { 'retry-after': '7' });
      response.end();
    };

    const failure = await failureOf(run({ url: server.origin }));

    expect(failure).toMatchObject({ code: 'HTTP_STATUS', retryable: true, retryAfterMs: 7000 });
  });

  it('times out as a retryable TIMEOUT', async () => {
    server.respond = () => undefined;

    const failure = await failureOf(run({ url: server.origin, timeoutMs: 100 }));

    expect(failure).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(failure.message).toBe(`No answer within 100 ms (GET ${server.origin}/)`);
  });

  it('lets a canceled execution end the request without a step failure', async () => {
    server.respond = () => undefined;
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('execution canceled')), 50);

    await expect(run({ url: server.origin }, { signal: cancel.signal })).rejects.toThrow(
      'execution canceled',
    );
  });

  it('refuses a private destination that is not allowlisted', async () => {
    const failure = await failureOf(
      run({ url: server.origin }, { services: loopbackServices(['127.0.0.2/32']) }),
    );

    expect(failure).toMatchObject({ code: 'BLOCKED', retryable: false });
    expect(failure.message).toMatch(/^Refused to connect to 127\.0\.0\.1 \(loopback\)/);
    expect(server.requests).toEqual([]);
  });

  it('refuses an answer larger than the limit', async () => {
    server.respond = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(Buffer.alloc(maxResponseBytes + 1, 'a'));
    };

    const failure = await failureOf(run({ url: server.origin }));

    expect(failure).toMatchObject({ code: 'RESPONSE_TOO_LARGE', retryable: false });
  });

  it('fails a URL that is not http(s) as a config error', async () => {
    const failure = await failureOf(run({ url: 'ftp://files.test/a' }));

    expect(failure).toMatchObject({ code: 'CONFIG', retryable: false });
  });

  describe('dry run', () => {
    const dryRun = { executionId: 'exe_1', nodeId: 'n2', attempt: 1, dryRun: true };

    it('describes a write instead of sending it, secrets masked', async () => {
      const result = await run(
        { method: 'POST', url: `${server.origin}/orders`, query: { a: '1' }, body: { id: 1 } },
        { step: dryRun, credential: { type: 'http.bearer', data: { token: 'tok_123' } } },
      );

      expect(result.output).toEqual({
        dryRun: true,
        request: {
          method: 'POST',
          url: `${server.origin}/orders?a=1`,
          headers: {
            authorization: '••••••',
            'content-type': 'application/json',
            'idempotency-key': 'exe_1:n2',
          },
          body: '{"id":1}',
        },
      });
      expect(server.requests).toEqual([]);
    });

    it('still sends a GET, which only reads', async () => {
      const result = await run({ url: server.origin }, { step: dryRun });

      expect(result.output).toMatchObject({ status: 200, body: { id: 'ord_1', paid: true } });
      expect(server.requests).toHaveLength(1);
    });
  });
});
