import { webhookToSink } from '../test-support/flow-fixtures.js';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const FORGED = { 'content-type': 'application/json', 'x-forwarded-for': '10.1.2.3' };

describe.each(testEnvironments())('TRUST_PROXY over HTTP ($name mode)', (environment) => {
  /** Publishes a webhook flow that only 10.0.0.0/8 may call; returns its trigger URL here. */
  const allowlistedFlow = async (app: TestApp) => {
    const { token, team } = await app.signup('Proxy');
    const definition = webhookToSink('http://127.0.0.1:9/unused', {
      trigger: { allowIps: ['10.0.0.0/8'] },
    });
    return (await app.publishFlow(token, team.id, 'Allowlisted', definition)).hookUrl;
  };

  describe('by default', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp(environment);
    });
    afterAll(async () => {
      await app.stop();
    });

    it('ignores X-Forwarded-For for trigger IP allowlists', async () => {
      const url = await allowlistedFlow(app);
      expect((await fetch(url, { method: 'POST', body: '{}', headers: FORGED })).status).toBe(403);
    });

    it('ignores X-Forwarded-For for log-in limits', async () => {
      const email = 'rotating@example.com';
      const attempt = (i: number) =>
        app.request('POST', '/api/auth/login', {
          body: { email, password: `guess ${i}` },
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
        });
      for (let i = 0; i < 5; i++) expect((await attempt(i)).status).toBe(401);
      expect((await attempt(5)).status).toBe(429);
    });
  });

  describe('with TRUST_PROXY=loopback', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp(environment, { TRUST_PROXY: 'loopback' });
    });
    afterAll(async () => {
      await app.stop();
    });

    it("takes the client address from a loopback proxy's X-Forwarded-For", async () => {
      const url = await allowlistedFlow(app);
      expect((await fetch(url, { method: 'POST', body: '{}', headers: FORGED })).status).toBe(202);
      const direct = await fetch(url, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(direct.status).toBe(403);
    });
  });
});
