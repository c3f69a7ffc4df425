import type { FlowDefinition } from '@hookflow/shared';
import { connect, type Socket } from 'node:net';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const hookFlow = (trigger: Record<string, unknown> = {}): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'Hook',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth: { type: 'none' }, ...trigger },
    },
  ],
  edges: [],
});

const BODY_TIMEOUT_MS = 700;

/** A raw connection, so a test controls how much of a body is sent and sees when it closes. */
class RawClient {
  private readonly socket: Socket;
  response = '';
  closed: Promise<void>;
  written = 0;

  constructor(url: string) {
    const { hostname, port } = new URL(url);
    this.socket = connect(Number(port), hostname);
    this.socket.on('data', (chunk) => (this.response += chunk.toString('latin1')));
    this.socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  head(path: string, headers: Record<string, string | number>) {
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    this.socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  }

  /** Writes `total` bytes in 64 KB chunks, stopping once the server has closed. */
  async send(total: number) {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let closed = false;
    void this.closed.then(() => (closed = true));
    while (this.written < total && !closed) {
      const ok = this.socket.write(chunk);
      this.written += chunk.length;
      if (!ok)
        await Promise.race([
          new Promise((resolve) => this.socket.once('drain', resolve)),
          this.closed,
        ]);
    }
  }

  write(text: string) {
    this.socket.write(text);
  }

  status() {
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(this.response)?.[1]);
  }

  destroy() {
    this.socket.destroy();
  }
}

describe.each(testEnvironments())('Hostile trigger requests ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;
  let flowId: string;
  let hookPath: string;
  let limitedId: string;
  let limitedPath: string;

  const publish = async (definition: FlowDefinition) => {
    const created = await app.request('POST', `/api/teams/${teamId}/flows`, {
      token,
      body: { name: 'Hostile', definition },
    });
    const published = await app.request(
      'POST',
      `/api/teams/${teamId}/flows/${created.body.id}/publish`,
      { token },
    );
    expect(published.status).toBe(200);
    return {
      id: created.body.id as string,
      path: new URL(published.body.webhookUrl as string).pathname,
    };
  };
  const deliveries = async (id = flowId) =>
    (await app.request('GET', `/api/teams/${teamId}/flows/${id}/deliveries`, { token })).body
      .items as Array<{ id: string; outcome: string; reason: string | null; sizeBytes: number }>;
  const detail = async (deliveryId: string, id = flowId) =>
    (
      await app.request('GET', `/api/teams/${teamId}/flows/${id}/deliveries/${deliveryId}`, {
        token,
      })
    ).body;
  const post = (path: string, body: string | Buffer, contentType = 'application/json') =>
    fetch(app.url + path, { method: 'POST', body, headers: { 'content-type': contentType } });

  /** The request gets `status` with a message matching `message`, and is kept with its raw bytes. */
  const expectRefusedAndRecorded = async (
    response: Response,
    status: number,
    message: RegExp,
    rawBody: Buffer,
  ) => {
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
    const [latest] = await deliveries();
    expect(latest).toMatchObject({ outcome: 'rejected', reason: 'malformed_body' });
    const stored = await detail(latest.id);
    expect(Buffer.from(stored.rawBodyBase64, 'base64').equals(rawBody)).toBe(true);
    return stored;
  };

  beforeAll(async () => {
    app = await startTestApp(environment, { HOOKS_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS) });
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Hostile'));
    ({ id: flowId, path: hookPath } = await publish(hookFlow()));
    ({ id: limitedId, path: limitedPath } = await publish(hookFlow({ maxBodyBytes: 1000 })));
  });
  afterAll(async () => {
    await app.stop();
  });

  it.each([
    ['\\u0000 in a JSON string', '{"name":"a\\u0000b"}', /^JSON body contains \\u0000/],
    ['a lone high surrogate', '{"name":"\\ud800x"}', /lone UTF-16 surrogate/],
    ['a lone low surrogate', '["\\udc00"]', /lone UTF-16 surrogate/],
    ['JSON nested 5,000 deep', '['.repeat(5000) + ']'.repeat(5000), /nested deeper than 512/],
    [
      'JSON nested 100,000 deep',
      '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
      /nested deeper than 512/,
    ],
  ])('answers 400 for %s and records it with its bytes', async (_name, text, message) => {
    await expectRefusedAndRecorded(await post(hookPath, text), 400, message, Buffer.from(text));
  });

  it('answers 400 for a NUL in a text body, a form field or the query, and records them', async () => {
    const text = Buffer.from('before\0after');
    await expectRefusedAndRecorded(
      await post(hookPath, text, 'text/plain'),
      400,
      /^Text body contains a NUL byte/,
      text,
    );
    const form = Buffer.from('ok=1&bad%00name=2');
    await expectRefusedAndRecorded(
      await post(hookPath, form, 'application/x-www-form-urlencoded'),
      400,
      /^Form field "bad\uFFFDname" contains a NUL character/,
      form,
    );
    const stored = await expectRefusedAndRecorded(
      await post(`${hookPath}?id=7&note=a%00b`, '{}'),
      400,
      /^Query parameter "note" contains a NUL character/,
      Buffer.from('{}'),
    );
    expect(stored.query).toEqual({ id: '7', note: 'a\uFFFDb' });
  });

  it('accepts what only looks close: escaped backslashes, surrogate pairs, 512 levels', async () => {
    for (const text of [
      '{"path":"C:\\\\u0000"}',
      '{"emoji":"\\ud83d\\ude00"}',
      '['.repeat(512) + ']'.repeat(512),
    ]) {
      const response = await post(hookPath, text);
      expect(response.status).toBe(202);
    }
    expect((await deliveries())[0]).toMatchObject({ outcome: 'accepted' });
  });

  it('answers 404 for a key with a NUL or other characters no key has', async () => {
    for (const key of ['abc%00def', 'abc%20def', 'x'.repeat(300)])
      expect((await post(`/hooks/${key}`, '{}')).status).toBe(404);
  });

  it('answers 413 and closes the connection once a declared body is over the limit', async () => {
    const client = new RawClient(app.url);
    client.head(limitedPath, { 'content-type': 'application/json', 'content-length': 50e6 });
    await client.send(50e6);
    await client.closed;
    expect(client.status()).toBe(413);
    expect(client.response.toLowerCase()).toContain('connection: close');
    // What the kernel buffers before the server closes, not 50 MB.
    expect(client.written).toBeLessThan(16e6);
    expect((await deliveries(limitedId))[0]).toMatchObject({
      outcome: 'rejected',
      reason: 'too_large',
      sizeBytes: 50e6,
    });
  });

  it('answers 413 and closes the connection once a chunked body passes the limit', async () => {
    const client = new RawClient(app.url);
    client.head(limitedPath, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    // One endless chunk: the limit (1,000 bytes) is passed long before its end.
    client.write(`${(50e6).toString(16)}\r\n`);
    await client.send(50e6);
    await client.closed;
    expect(client.status()).toBe(413);
    expect(client.written).toBeLessThan(16e6);
    const [latest] = await deliveries(limitedId);
    expect(latest).toMatchObject({ outcome: 'rejected', reason: 'too_large' });
    expect(latest.sizeBytes).toBeGreaterThan(1000);
  });

  it('answers 408 and records the delivery when a body does not arrive in time', async () => {
    const client = new RawClient(app.url);
    client.head(hookPath, { 'content-type': 'application/json', 'content-length': 100 });
    await client.send(0);
    client.write('{"slow":');
    const started = Date.now();
    await client.closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 100);
    expect(client.status()).toBe(408);
    expect((await deliveries())[0]).toMatchObject({ outcome: 'rejected', reason: 'body_timeout' });
    client.destroy();
  });
});
