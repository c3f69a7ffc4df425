import type { FlowDefinition } from '@hookflow/shared';
import { webhookReplyPage } from '../test-support/flow-fixtures.js';
import { request as httpRequest } from 'node:http';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const SANDBOX = "sandbox; default-src 'none'";
const replyFlow = (headers: Record<string, string>) =>
  webhookReplyPage(headers, '<script>document.title = "ran"</script>');

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(url: string, host: string) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = httpRequest(url, { headers: { host } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe.each(testEnvironments())('Trigger URL response headers ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;
  const createFlow = async (definition: FlowDefinition) =>
    (
      await app.request('POST', `/api/teams/${teamId}/flows`, {
        token,
        body: { name: 'Page', definition },
      })
    ).body as { id: string; webhookUrl: string; testWebhookUrl: string };

  beforeAll(async () => {
    app = await startTestApp(environment);
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Headers'));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('sandboxes a sync reply page, its errors and unknown trigger paths', async () => {
    const flow = await createFlow(replyFlow({ 'Content-Type': 'text/html' }));
    const published = await app.request('POST', `/api/teams/${teamId}/flows/${flow.id}/publish`, {
      token,
    });
    expect(published.status).toBe(200);

    const page = await fetch(flow.webhookUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<script>');
    const refused = await fetch(flow.webhookUrl, { method: 'POST' });
    expect(refused.status).toBe(405);
    const unknownKey = await fetch(`${app.url}/hooks/no-such-key`);
    expect(unknownKey.status).toBe(404);
    const noRoute = await fetch(`${app.url}/hooks/a/b/c`);
    expect(noRoute.status).toBe(404);

    for (const response of [page, refused, unknownKey, noRoute]) {
      expect(response.headers.get('content-security-policy')).toBe(SANDBOX);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('refuses to publish a reply header that acts on the browser, naming the step and header', async () => {
    const flow = await createFlow(
      replyFlow({ 'Content-Type': 'text/html', 'Set-Cookie': 'hf_session=x' }),
    );
    expect(flow.webhookUrl).toBeDefined();
    const published = await app.request('POST', `/api/teams/${teamId}/flows/${flow.id}/publish`, {
      token,
    });
    expect(published.status).toBeGreaterThanOrEqual(400);
    expect(published.status).toBeLessThan(500);
    expect(JSON.stringify(published.body)).toContain(
      'Node \\"Reply page\\" (reply): field \\"headers.Set-Cookie\\" header \\"Set-Cookie\\" cannot be sent from a trigger URL',
    );
  });

  it('strips refused headers at run time, e.g. from a draft run on the test URL', async () => {
    const flow = await createFlow(
      replyFlow({
        'Content-Type': 'text/html',
        'Set-Cookie': 'hf_session=x',
        'Clear-Site-Data': '"*"',
        'Content-Security-Policy': 'script-src *',
        Refresh: '0; url=https://example.com/',
        'X-Kept': 'yes',
      }),
    );
    const reply = await fetch(flow.testWebhookUrl);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-kept')).toBe('yes');
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect(reply.headers.get('clear-site-data')).toBeNull();
    expect(reply.headers.get('refresh')).toBeNull();
    expect(reply.headers.get('content-security-policy')).toBe(SANDBOX);

    // The run says what it dropped.
    const [delivery] = (
      await app.request('GET', `/api/teams/${teamId}/flows/${flow.id}/deliveries`, { token })
    ).body.items;
    const run = await app.request(
      'GET',
      `/api/teams/${teamId}/executions/${delivery.executionId}`,
      {
        token,
      },
    );
    const step = (
      run.body.steps as Array<{ nodeId: string; output: Record<string, unknown> }>
    ).find((s) => s.nodeId === 'reply');
    // jsonb keeps no key order.
    expect([...(step?.output.droppedHeaders as string[])].sort()).toEqual([
      'Clear-Site-Data',
      'Content-Security-Policy',
      'Refresh',
      'Set-Cookie',
    ]);
    expect(step?.output.headers).toEqual({ 'Content-Type': 'text/html', 'X-Kept': 'yes' });
  });

  it('sends a CSP, frame-ancestors none, nosniff and a Referrer-Policy with the API and docs', async () => {
    for (const path of ['/api/me', '/api/docs', '/healthz']) {
      const response = await fetch(app.url + path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('sandbox');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('Trigger URLs on their own host (HOOKS_PUBLIC_URL)', () => {
  const [environment] = testEnvironments();
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(environment, {
      PUBLIC_URL: 'http://flows.hookflow.test',
      HOOKS_PUBLIC_URL: 'http://hooks.hookflow.test/',
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('shows trigger URLs on the hooks host, which serves nothing but trigger URLs', async () => {
    const { token, team } = await app.signup('Split');
    const flow = await app.request('POST', `/api/teams/${team.id}/flows`, {
      token,
      body: { name: 'Split', definition: replyFlow({ 'Content-Type': 'text/plain' }) },
    });
    expect(flow.body.webhookUrl).toMatch(/^http:\/\/hooks\.hookflow\.test\/hooks\/[\w-]+$/);
    const path = new URL(flow.body.testWebhookUrl as string).pathname;

    const onHooksHost = await getWithHost(app.url + path, 'hooks.hookflow.test');
    expect(onHooksHost.status).toBe(200);
    expect(onHooksHost.headers['content-security-policy']).toBe(SANDBOX);
    for (const uiPath of ['/', '/api/me', '/api/docs']) {
      const refused = await getWithHost(app.url + uiPath, 'hooks.hookflow.test');
      expect(refused.status).toBe(404);
      expect(refused.body).toContain('This host serves trigger URLs only');
    }
    expect((await getWithHost(`${app.url}/healthz`, 'hooks.hookflow.test')).status).toBe(200);

    const onAppHost = await getWithHost(app.url + path, 'flows.hookflow.test');
    expect(onAppHost.status).toBe(404);
    expect(onAppHost.body).toContain(
      `Trigger URLs are served at http://hooks.hookflow.test${path}`,
    );
    expect((await getWithHost(`${app.url}/api/me`, 'flows.hookflow.test')).status).toBe(401);
  });
});
