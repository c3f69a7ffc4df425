import { gzipSync } from 'node:zlib';
import { BlockedDestinationError } from './blocked-destination.error.js';
import {
  createGuardedFetch,
  type OutboundGuardOptions,
  type ResolvedAddress,
} from './guarded-fetch.js';
import {
  refuseNonLoopback,
  startRecordingServer,
  type RecordingServer,
  type Responder,
} from '../test-support/recording-server.js';

// Every guarded fetch here records the addresses it dials, and refuses (failing the test) any
// address outside loopback before its socket opens, even if the guard itself were broken.
function aGuardedFetch(options: Partial<OutboundGuardOptions> = {}) {
  const dialed: string[] = [];
  const sut = createGuardedFetch({
    allowPrivate: false,
    allowlist: [],
    lookup: () => Promise.reject(new Error('this test resolves no host names')),
    ...options,
    onConnect: (target) => {
      refuseNonLoopback(target);
      dialed.push(target.address);
    },
  });
  return { sut, dialed };
}

const resolvesTo =
  (...addresses: string[]) =>
  (): Promise<ResolvedAddress[]> =>
    Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

const redirectTo =
  (location: string, status = 302): Responder =>
  (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };

describe(createGuardedFetch.name, () => {
  let local: RecordingServer;

  beforeAll(async () => {
    local = await startRecordingServer();
  });
  afterAll(() => local.close());
  beforeEach(() => {
    local.requests.length = 0;
  });

  it('refuses loopback by default, naming the address and the settings', async () => {
    const { sut, dialed } = aGuardedFetch();

    const failure = await sut(`${local.origin}/x`).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(BlockedDestinationError);
    expect(failure).toMatchObject({
      code: 'BLOCKED_DESTINATION',
      message:
        'Refused to connect to 127.0.0.1 (loopback): private destinations are blocked; ' +
        'set OUTBOUND_ALLOWLIST or OUTBOUND_ALLOW_PRIVATE',
    });
    expect(dialed).toEqual([]);
    expect(local.requests).toEqual([]);
  });

  it.each(['2130706433', '0x7f000001', '127.1', '0177.0.0.1', '[::ffff:127.0.0.1]'])(
    'refuses the spelling %s of 127.0.0.1 once the URL is parsed',
    async (host) => {
      const { sut, dialed } = aGuardedFetch();

      await expect(sut(`http://${host}:${local.port}/`)).rejects.toMatchObject({
        code: 'BLOCKED_DESTINATION',
        message: expect.stringMatching(/^Refused to connect to (127\.0\.0\.1|::ffff:7f00:1) \(/),
      });
      expect(dialed).toEqual([]);
      expect(local.requests).toEqual([]);
    },
  );

  it('refuses localhost', async () => {
    const { sut, dialed } = aGuardedFetch({ lookup: resolvesTo('::1', '127.0.0.1') });

    await expect(sut(`http://localhost:${local.port}/`)).rejects.toMatchObject({
      code: 'BLOCKED_DESTINATION',
      message: expect.stringMatching(/^Refused to connect to localhost at ::1 \(loopback\)/),
    });
    expect(dialed).toEqual([]);
  });

  it.each([
    ['10.0.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['::ffff:192.168.0.1', 'IPv4-mapped private'],
  ])('refuses a host name resolving to %s (%s) before any socket opens', async (address, range) => {
    const { sut, dialed } = aGuardedFetch({ lookup: resolvesTo(address) });

    await expect(sut('http://metadata.test/latest/meta-data/')).rejects.toMatchObject({
      code: 'BLOCKED_DESTINATION',
      message: expect.stringContaining(`metadata.test at ${address} (${range})`),
    });
    expect(dialed).toEqual([]);
  });

  it('refuses a host name when any of its addresses is private', async () => {
    const { sut, dialed } = aGuardedFetch({ lookup: resolvesTo('93.184.215.14', '10.0.0.1') });

    await expect(sut('http://mixed.test/')).rejects.toMatchObject({ code: 'BLOCKED_DESTINATION' });
    expect(dialed).toEqual([]);
  });

  it.each([
    'http://10.0.0.1/',
    'http://169.254.169.254/latest',
    'http://[fe80::1]/',
    'http://0.0.0.0/',
  ])('refuses the address URL %s before any socket opens', async (url) => {
    const { sut, dialed } = aGuardedFetch();

    await expect(sut(url)).rejects.toMatchObject({ code: 'BLOCKED_DESTINATION' });
    expect(dialed).toEqual([]);
  });

  it.each([['127.0.0.1/32'], ['127.0.0.0/8'], ['127.0.0.1']])(
    'reaches a loopback server allowlisted as %s',
    async (entry) => {
      const { sut, dialed } = aGuardedFetch({ allowlist: ['hooks.example.com', entry] });

      const response = await sut(`${local.origin}/ping?x=1`, { method: 'POST', body: 'hi' });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
      expect(dialed).toEqual(['127.0.0.1']);
      expect(local.requests).toMatchObject([{ method: 'POST', url: '/ping?x=1', body: 'hi' }]);
    },
  );

  it('answers with a global Response, as fetch does', async () => {
    const { sut } = aGuardedFetch({ allowlist: ['127.0.0.1'] });

    const response = await sut(new URL(`${local.origin}/r`));

    expect(response).toBeInstanceOf(Response);
    expect(response.headers).toBeInstanceOf(Headers);
    expect(response.url).toBe(`${local.origin}/r`);
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('sends a global FormData body as multipart', async () => {
    const { sut } = aGuardedFetch({ allowlist: ['127.0.0.1'] });
    const form = new FormData();
    form.append('orderId', 'ord_1');

    await sut(local.origin, { method: 'POST', body: form });

    expect(local.requests[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(local.requests[0].body).toContain('name="orderId"\r\n\r\nord_1');
  });

  it('sends what fetch would: its default headers, a text type for a string, the real length', async () => {
    const { sut } = aGuardedFetch({ allowlist: ['127.0.0.1'] });

    await sut(`${local.origin}/t`, {
      method: 'POST',
      body: 'héllo',
      headers: { 'content-length': '1' },
    });
    await sut(`${local.origin}/t`, {
      headers: { accept: 'application/json', 'user-agent': 'mine' },
    });

    expect(local.requests[0].headers).toMatchObject({
      accept: '*/*',
      'user-agent': 'Hookflow',
      'content-type': 'text/plain;charset=UTF-8',
      'content-length': '6',
    });
    expect(local.requests[0].body).toBe('héllo');
    expect(local.requests[1].headers).toMatchObject({
      accept: 'application/json',
      'user-agent': 'mine',
    });
  });

  it('decodes a compressed answer, keeps repeated headers apart and gives a 204 no body', async () => {
    const server = await startRecordingServer((request, response) => {
      if (request.url === '/empty') {
        response.writeHead(204);
        response.end();
        return;
      }
      response.writeHead(200, [
        ['content-encoding', 'gzip'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ]);
      response.end(gzipSync('{"ok":"decoded"}'));
    });
    try {
      const { sut } = aGuardedFetch({ allowlist: ['127.0.0.1'] });

      const response = await sut(`${server.origin}/zipped`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      const empty = await sut(`${server.origin}/empty`);

      expect(await response.json()).toEqual({ ok: 'decoded' });
      expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
      expect(empty.status).toBe(204);
      expect(empty.body).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('refuses a URL with a user or password in it, as fetch does', async () => {
    const { sut } = aGuardedFetch({ allowlist: ['127.0.0.1'] });

    const refusal = sut(`http://ada:pw-123@127.0.0.1:${local.port}/`);

    await expect(refusal).rejects.toThrow(/its URL includes a user or password/);
    await expect(refusal).rejects.not.toThrow(/pw-123/);
    expect(local.requests).toEqual([]);
  });

  it("rejects with the signal's reason when the call is aborted", async () => {
    const server = await startRecordingServer(() => undefined);
    try {
      const { sut } = aGuardedFetch({ allowlist: ['127.0.0.1'] });

      await expect(sut(server.origin, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({
        name: 'TimeoutError',
      });
    } finally {
      await server.close();
    }
  });

  it('reaches an allowlisted host name whatever it resolves to', async () => {
    const { sut, dialed } = aGuardedFetch({
      allowlist: ['LocalHost'],
      lookup: resolvesTo('127.0.0.1'),
    });

    const response = await sut(`http://localhost:${local.port}/`);

    expect(response.status).toBe(200);
    expect(dialed).toEqual(['127.0.0.1']);
    expect(local.requests[0].headers.host).toBe(`localhost:${local.port}`);
  });

  it('lets everything through with allowPrivate', async () => {
    const { sut } = aGuardedFetch({ allowPrivate: true });

    expect((await sut(local.origin)).status).toBe(200);
  });

  it('dials the address it checked, resolving once per connection (DNS rebinding)', async () => {
    const answers = ['127.0.0.2', '127.0.0.1'];
    const lookups: string[] = [];
    const rebinding = await startRecordingServer(undefined, '127.0.0.2');
    try {
      const { sut, dialed } = aGuardedFetch({
        allowlist: ['127.0.0.2/32'],
        lookup: (hostname) => {
          lookups.push(hostname);
          return resolvesTo(answers.shift() ?? '127.0.0.1')();
        },
      });

      const response = await sut(`http://rebind.test:${rebinding.port}/`);

      expect(response.status).toBe(200);
      expect(lookups).toEqual(['rebind.test']);
      expect(dialed).toEqual(['127.0.0.2']);
      expect(rebinding.requests[0].headers.host).toBe(`rebind.test:${rebinding.port}`);
    } finally {
      await rebinding.close();
    }
  });

  describe('redirects', () => {
    let allowed: RecordingServer;
    let other: RecordingServer;
    let respond: Responder;

    beforeAll(async () => {
      allowed = await startRecordingServer(
        (request, response) => respond(request, response),
        '127.0.0.2',
      );
      other = await startRecordingServer(undefined, '127.0.0.3');
    });
    afterAll(async () => {
      await allowed.close();
      await other.close();
    });
    beforeEach(() => {
      allowed.requests.length = 0;
      other.requests.length = 0;
    });

    it('refuses a redirect from an allowlisted server to a private one', async () => {
      respond = redirectTo(`${local.origin}/internal`);
      const { sut, dialed } = aGuardedFetch({ allowlist: ['127.0.0.2/32'] });

      await expect(sut(`${allowed.origin}/start`)).rejects.toMatchObject({
        code: 'BLOCKED_DESTINATION',
        message: expect.stringMatching(/^Refused to connect to 127\.0\.0\.1 \(loopback\)/),
      });
      expect(dialed).toEqual(['127.0.0.2']);
      expect(allowed.requests).toHaveLength(1);
      expect(local.requests).toEqual([]);
    });

    it('follows allowed redirects, turning a 303 into a GET and dropping credentials across origins', async () => {
      respond = redirectTo(`${other.origin}/done`, 303);
      const { sut } = aGuardedFetch({ allowlist: ['127.0.0.0/8'] });

      const response = await sut(`${allowed.origin}/start`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer secret',
          'content-type': 'application/json',
          'x-keep': '1',
        },
        body: '{"a":1}',
      });

      expect(response.status).toBe(200);
      expect(allowed.requests).toMatchObject([{ method: 'POST', body: '{"a":1}' }]);
      expect(other.requests).toMatchObject([{ method: 'GET', url: '/done', body: '' }]);
      expect(other.requests[0].headers).toMatchObject({ 'x-keep': '1' });
      expect(other.requests[0].headers.authorization).toBeUndefined();
      expect(other.requests[0].headers['content-type']).toBeUndefined();
    });

    it('repeats method and body on a 307', async () => {
      respond = (request, response) =>
        request.url === '/start'
          ? redirectTo('/again', 307)(request, response)
          : response.end('ok');
      const { sut } = aGuardedFetch({ allowlist: ['127.0.0.2'] });

      const response = await sut(`${allowed.origin}/start`, {
        method: 'PUT',
        headers: { authorization: 'Bearer same-origin' },
        body: 'payload',
      });

      expect(await response.text()).toBe('ok');
      expect(allowed.requests).toMatchObject([
        { method: 'PUT', url: '/start', body: 'payload' },
        {
          method: 'PUT',
          url: '/again',
          body: 'payload',
          headers: { authorization: 'Bearer same-origin' },
        },
      ]);
    });

    it('stops after 5 redirects', async () => {
      respond = (request, response) => redirectTo(`${request.url}x`)(request, response);
      const { sut } = aGuardedFetch({ allowlist: ['127.0.0.2'] });

      await expect(sut(`${allowed.origin}/`)).rejects.toThrow('More than 5 redirects');
      expect(allowed.requests.map((r) => r.url)).toEqual([
        '/',
        '/x',
        '/xx',
        '/xxx',
        '/xxxx',
        '/xxxxx',
      ]);
    });

    it('hands the redirect back untouched with redirect: manual', async () => {
      respond = redirectTo(`${local.origin}/internal`, 301);
      const { sut } = aGuardedFetch({ allowlist: ['127.0.0.2'] });

      const response = await sut(`${allowed.origin}/`, { redirect: 'manual' });

      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe(`${local.origin}/internal`);
    });

    it('refuses a redirect to another scheme', async () => {
      respond = redirectTo('file:///etc/passwd');
      const { sut } = aGuardedFetch({ allowlist: ['127.0.0.2'] });

      await expect(sut(`${allowed.origin}/`)).rejects.toMatchObject({
        code: 'BLOCKED_DESTINATION',
        message: 'Refused to fetch a file: URL: only http and https are allowed',
      });
    });
  });

  it('refuses an allowlist entry it cannot read', () => {
    expect(() => createGuardedFetch({ allowPrivate: false, allowlist: ['10.0.0.0/99'] })).toThrow(
      'OUTBOUND_ALLOWLIST: "10.0.0.0/99"',
    );
  });
});
