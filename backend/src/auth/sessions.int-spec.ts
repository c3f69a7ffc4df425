import { SignJWT } from 'jose';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const JWT_SECRET = 'sessions-spec-secret-that-is-long-enough';
const key = new TextEncoder().encode(JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);

/** The browser's view of a log-in answer: the session cookie and the CSRF token. */
interface BrowserSession {
  cookie: string;
  attributes: string;
  csrfToken: string;
}

describe.each(testEnvironments())('Sessions over HTTP ($name mode)', (environment) => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    // TRUST_PROXY=loopback lets the test say "this came over https" through X-Forwarded-Proto.
    app = await startTestApp(environment, { JWT_SECRET, TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await app.stop();
  });

  const sessionCookie = (headers: Headers) =>
    headers.getSetCookie().find((cookie) => cookie.startsWith('hf_session='));

  const signUpInBrowser = async (headers: Record<string, string> = {}) => {
    const response = await app.request('POST', '/api/auth/signup', {
      body: {
        email: `browser.${++counter}@example.com`,
        password: 'a long enough password',
        name: 'Browser',
      },
      headers,
    });
    expect(response.status).toBe(201);
    const setCookie = sessionCookie(response.headers)!;
    return {
      response,
      session: {
        cookie: setCookie.split(';')[0],
        attributes: setCookie,
        csrfToken: response.body.csrfToken as string,
      } satisfies BrowserSession,
    };
  };

  const asBrowser = (
    session: BrowserSession,
    method: string,
    path: string,
    options: { body?: unknown; csrf?: string } = {},
  ) =>
    app.request(method, path, {
      body: options.body,
      headers: {
        cookie: session.cookie,
        ...(options.csrf !== undefined ? { 'x-csrf-token': options.csrf } : {}),
      },
    });

  it('gives browsers an HttpOnly, SameSite=Lax cookie on /api and never the token itself', async () => {
    const { response, session } = await signUpInBrowser();
    expect(response.body).not.toHaveProperty('token');
    expect(JSON.stringify(response.body)).not.toContain(session.cookie.split('=')[1]);
    expect(session.attributes).toMatch(/; HttpOnly/i);
    expect(session.attributes).toMatch(/; SameSite=Lax/i);
    expect(session.attributes).toMatch(/; Path=\/api(;|$)/);
    expect(session.attributes).not.toMatch(/; Secure/i);
    expect(session.csrfToken).toMatch(/^[\w-]{43}$/);

    const me = await asBrowser(session, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(session.csrfToken);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const { session } = await signUpInBrowser({ 'x-forwarded-proto': 'https' });
    expect(session.attributes).toMatch(/; Secure/i);
  });

  it('refuses cookie writes without the right X-CSRF-Token, and does not ask it of bearer tokens', async () => {
    const { session } = await signUpInBrowser();
    const body = { name: 'from the browser' };
    const missing = await asBrowser(session, 'POST', '/api/me/api-keys', { body });
    expect(missing.status).toBe(403);
    expect(missing.body.message).toContain('X-CSRF-Token');
    const wrong = await asBrowser(session, 'POST', '/api/me/api-keys', {
      body,
      csrf: session.csrfToken.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
    });
    expect(wrong.status).toBe(403);
    // Another session's token does not fit this one.
    const other = (await signUpInBrowser()).session;
    expect(
      (await asBrowser(session, 'POST', '/api/me/api-keys', { body, csrf: other.csrfToken }))
        .status,
    ).toBe(403);
    const right = await asBrowser(session, 'POST', '/api/me/api-keys', {
      body,
      csrf: session.csrfToken,
    });
    expect(right.status).toBe(201);
    expect((await asBrowser(session, 'GET', '/api/me/api-keys')).body).toHaveLength(1);

    const script = await app.signup('Script');
    expect(script.token).toBeTruthy();
    expect(
      (await app.request('POST', '/api/me/api-keys', { token: script.token, body })).status,
    ).toBe(201);
  });

  it('logs in browsers with the cookie and scripts with a bearer token on request', async () => {
    const { response: signedUp } = await signUpInBrowser();
    const email = signedUp.body.user.email as string;
    const browser = await app.request('POST', '/api/auth/login', {
      body: { email, password: 'a long enough password' },
    });
    expect(browser.status).toBe(200);
    expect(browser.body).not.toHaveProperty('token');
    expect(sessionCookie(browser.headers)).toMatch(/HttpOnly/i);
    const script = await app.request('POST', '/api/auth/login', {
      body: { email, password: 'a long enough password', session: 'bearer' },
    });
    expect(script.status).toBe(200);
    expect(sessionCookie(script.headers)).toBeUndefined();
    expect((await app.request('GET', '/api/me', { token: script.body.token })).status).toBe(200);
    // 12 hours by default.
    const lifetime = (Date.parse(script.body.expiresAt) - Date.now()) / 3600_000;
    expect(lifetime).toBeGreaterThan(11.9);
    expect(lifetime).toBeLessThanOrEqual(12);
  });

  it('tells a browser whether it holds a session cookie, with a 200 either way', async () => {
    const anonymous = await app.request('GET', '/api/auth/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ hasSessionCookie: false });
    const { session } = await signUpInBrowser();
    const signedIn = await asBrowser(session, 'GET', '/api/auth/session');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ hasSessionCookie: true });
  });

  it('clears the cookie at log-out', async () => {
    const { session } = await signUpInBrowser();
    const out = await asBrowser(session, 'POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect(sessionCookie(out.headers)).toMatch(/^hf_session=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('ends every session and bearer token of the user at log-out-everywhere, and only theirs', async () => {
    const { response, session } = await signUpInBrowser();
    const email = response.body.user.email as string;
    const bearer = (
      await app.request('POST', '/api/auth/login', {
        body: { email, password: 'a long enough password', session: 'bearer' },
      })
    ).body.token as string;
    const bystander = await app.signup('Bystander');
    const apiKey = (
      await app.request('POST', '/api/me/api-keys', { token: bearer, body: { name: 'ci' } })
    ).body.key as string;

    expect(
      (await asBrowser(session, 'POST', '/api/auth/logout-everywhere', { csrf: session.csrfToken }))
        .status,
    ).toBe(204);
    expect((await asBrowser(session, 'GET', '/api/me')).status).toBe(401);
    expect((await app.request('GET', '/api/me', { token: bearer })).status).toBe(401);
    expect((await app.request('GET', '/api/me', { token: bystander.token })).status).toBe(200);
    expect((await app.request('GET', '/api/me', { token: apiKey })).status).toBe(200);
    // A new log-in works again.
    const again = await app.request('POST', '/api/auth/login', {
      body: { email, password: 'a long enough password', session: 'bearer' },
    });
    expect((await app.request('GET', '/api/me', { token: again.body.token })).status).toBe(200);
  });

  describe('token claims', () => {
    let userId: string;
    beforeAll(async () => {
      userId = (await app.signup('Claims')).user.id;
    });
    const sign = (claims: Record<string, unknown>, expiresAt?: number) => {
      const jwt = new SignJWT({ ver: 0, sst: now(), ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setJti('session-under-test')
        .setIssuedAt(now());
      if (expiresAt !== undefined) jwt.setExpirationTime(expiresAt);
      return jwt.sign(key);
    };

    it('accepts a well-formed token and refuses one without exp or past its 7 days', async () => {
      const good = await sign({}, now() + 3600);
      expect((await app.request('GET', '/api/me', { token: good })).status).toBe(200);
      const noExpiry = await sign({});
      expect((await app.request('GET', '/api/me', { token: noExpiry })).status).toBe(401);
      const noVersion = await sign({ ver: undefined }, now() + 3600);
      expect((await app.request('GET', '/api/me', { token: noVersion })).status).toBe(401);
      const tooLong = await sign({ sst: now() - 8 * 24 * 3600 }, now() + 3600);
      expect((await app.request('GET', '/api/me', { token: tooLong })).status).toBe(401);
    });

    it('renews a browser session in use (sliding expiry), capped at 7 days after its log-in', async () => {
      const startedAt = now() - 7 * 24 * 3600 + 1800;
      const old = await new SignJWT({ ver: 0, sst: startedAt })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setJti('sliding-session')
        .setIssuedAt(now() - 600)
        .setExpirationTime(now() + 600)
        .sign(key);
      const response = await app.request('GET', '/api/me', {
        headers: { cookie: `hf_session=${old}` },
      });
      expect(response.status).toBe(200);
      const renewed = sessionCookie(response.headers)!;
      const expires = Date.parse(/Expires=([^;]+)/.exec(renewed)![1]) / 1000;
      // Pushed past the old expiry, but no further than the 7-day cap.
      expect(expires).toBeGreaterThan(now() + 600);
      expect(expires).toBeLessThanOrEqual(startedAt + 7 * 24 * 3600);
      // A fresh session is not re-issued on every request.
      const { session } = await signUpInBrowser();
      expect(sessionCookie((await asBrowser(session, 'GET', '/api/me')).headers)).toBeUndefined();
    });
  });

  describe('new passwords', () => {
    it.each([
      ['aaaaaaaaaa', 'repeats the same few characters'],
      ['abcabcabcabc', 'repeats the same few characters'],
      ['1234567890', 'is a simple sequence'],
      ['qwertyuiop', 'is a simple sequence'],
      ['Password123!', 'is one of the most common passwords'],
      ['p4ssw0rd2024', 'is one of the most common passwords'],
      ['qazwsxedcrfv', 'is one of the most common passwords'],
      ['Browser2024!', 'is too close to your name or e-mail address'],
    ])('refuses %s with a 400 naming the field and the reason', async (password, reason) => {
      const response = await app.request('POST', '/api/auth/signup', {
        body: { email: `weak.${++counter}@example.com`, password, name: 'Browser' },
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(`field "password": ${reason}`);
      expect(response.body.issues).toEqual([
        { field: 'password', message: expect.stringContaining(reason) },
      ]);
    });
  });
});
