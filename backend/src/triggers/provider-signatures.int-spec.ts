import { storedValueRef, type FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import {
  makePaypalTestChain,
  paypalHeaders,
  type PaypalTestChain,
} from '../test-support/paypal-test-certificates.js';
import { startRecordingServer, type RecordingServer } from '../test-support/recording-server.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { ed25519Pair, hmacHex, p256Pair } from '../test-support/verification-test-helpers.js';

const CERT_PATH = '/v1/notifications/certs/CERT-test-1';

const flowWith = (auth: Record<string, unknown>): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'Hook',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth },
    },
  ],
  edges: [],
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

// Each provider's signature checked at the trigger URL, before anything is queued.
describe.each(testEnvironments())(
  'Provider signatures at the trigger URL ($name mode)',
  (environment) => {
    let app: TestApp;
    let token: string;
    let teamId: string;
    let chain: PaypalTestChain;
    let certServer: RecordingServer;

    const publish = async (auth: Record<string, unknown>) => {
      const { flowId, hookUrl } = await app.publishFlow(token, teamId, 'Signed', flowWith(auth));
      return { id: flowId, url: hookUrl };
    };
    const lastDelivery = async (flowId: string) =>
      (await app.request('GET', `/api/teams/${teamId}/flows/${flowId}/deliveries`, { token })).body
        .items[0];
    const post = (url: string, body: string, headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });

    beforeAll(async () => {
      chain = makePaypalTestChain();
      certServer = await startRecordingServer((incoming, response) => {
        const found = incoming.url === CERT_PATH;
        response.writeHead(found ? 200 : 404, { 'content-type': 'application/x-pem-file' });
        response.end(found ? chain.leafPem : '');
      });
      app = await startTestApp(environment, {
        PAYPAL_CERT_TEST_ORIGIN: certServer.origin,
        PAYPAL_CERT_TEST_ROOT: chain.rootPem,
        OUTBOUND_ALLOWLIST: '127.0.0.1',
      });
      ({
        token,
        team: { id: teamId },
      } = await app.signup('Providers'));
    });
    afterAll(async () => {
      await app.stop();
      await certServer.close();
    });

    it('Discord: answers a signed PING with {"type":1} and no run, runs a command, refuses a forgery', async () => {
      const discordApp = ed25519Pair();
      const flow = await publish({
        type: 'discord',
        publicKey: discordApp.publicKey.toString('hex'),
      });
      const signed = (body: string, signer = discordApp) => {
        const ts = String(nowSeconds());
        return {
          'x-signature-ed25519': signer.sign(ts + body).toString('hex'),
          'x-signature-timestamp': ts,
        };
      };
      const ping = '{"type":1}';
      const pong = await post(flow.url, ping, signed(ping));
      expect(pong.status).toBe(200);
      expect(pong.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await pong.text()).toBe('{"type":1}');
      expect(await lastDelivery(flow.id)).toMatchObject({
        outcome: 'accepted',
        executionId: null,
        verification: 'Discord signature valid; answered the URL handshake',
      });

      const command = '{"type":2,"data":{"name":"deploy"}}';
      const accepted = await post(flow.url, command, signed(command));
      expect(accepted.status).toBe(202);
      expect((await lastDelivery(flow.id)).executionId).toEqual(expect.any(String));

      const forged = await post(flow.url, ping, signed(ping, ed25519Pair()));
      expect(forged.status).toBe(401);
      expect(await lastDelivery(flow.id)).toMatchObject({
        outcome: 'rejected',
        reason: 'bad_signature',
      });
    });

    it('SendGrid: accepts signed events, refuses a tampered body and a stale timestamp', async () => {
      const sendgrid = p256Pair();
      const flow = await publish({ type: 'sendgrid', publicKey: sendgrid.publicKey });
      const body = '[{"email":"a@example.com","event":"open"}]';
      const signed = (ts: number, payload = body) => ({
        'x-twilio-email-event-webhook-signature': sendgrid
          .sign(`${ts}${payload}`)
          .toString('base64'),
        'x-twilio-email-event-webhook-timestamp': String(ts),
      });
      expect((await post(flow.url, body, signed(nowSeconds()))).status).toBe(202);
      expect((await lastDelivery(flow.id)).verification).toBe('SendGrid signature valid');
      expect(
        (await post(flow.url, body.replace('open', 'click'), signed(nowSeconds()))).status,
      ).toBe(401);
      const stale = await post(flow.url, body, signed(nowSeconds() - 600));
      expect(stale.status).toBe(401);
      expect(await lastDelivery(flow.id)).toMatchObject({ reason: 'stale_timestamp' });
    });

    it('PayPal: verifies with the certificate from the pinned URL, refuses other URLs and forgeries', async () => {
      const webhookId = '8PT597110X687430LKGECATA';
      const flow = await publish({ type: 'paypal', webhookId });
      const body = '{"id":"WH-2","event_type":"PAYMENT.CAPTURE.COMPLETED"}';
      const headers = (overrides: { certUrl?: string; key?: PaypalTestChain['leafKey'] } = {}) =>
        paypalHeaders({
          transmissionTime: new Date().toISOString(),
          webhookId,
          certUrl: overrides.certUrl ?? certServer.origin + CERT_PATH,
          body,
          key: overrides.key ?? chain.leafKey,
        });
      const accepted = await post(flow.url, body, headers());
      expect(accepted.status).toBe(202);
      expect((await lastDelivery(flow.id)).verification).toBe('PayPal signature valid');

      const offHost = await post(
        flow.url,
        body,
        headers({ certUrl: `https://evil.test${CERT_PATH}` }),
      );
      expect(offHost.status).toBe(401);
      expect((await lastDelivery(flow.id)).verification).toMatch(
        /not on PayPal’s certificate host/,
      );

      const forged = await post(flow.url, body, headers({ key: makePaypalTestChain().leafKey }));
      expect(forged.status).toBe(401);
      expect(await lastDelivery(flow.id)).toMatchObject({ reason: 'bad_signature' });
      // The certificate was fetched once, from 127.0.0.1, and then served from the cache.
      expect(certServer.requests.map((request) => request.url)).toEqual([CERT_PATH]);
    });

    it('Standard Webhooks v1a: accepts an Ed25519 signature for a whpk_ key, refuses another key', async () => {
      const sender = ed25519Pair();
      const flow = await publish({
        type: 'standard-webhooks',
        secret: `whpk_${sender.publicKey.toString('base64')}`,
      });
      const body = '{"type":"user.created"}';
      const headers = (signer = sender) => {
        const ts = String(nowSeconds());
        return {
          'webhook-id': 'msg_1',
          'webhook-timestamp': ts,
          'webhook-signature': `v1a,${signer.sign(`msg_1.${ts}.${body}`).toString('base64')}`,
        };
      };
      expect((await post(flow.url, body, headers())).status).toBe(202);
      expect((await lastDelivery(flow.id)).verification).toBe(
        'Standard Webhooks v1a signature valid',
      );
      expect((await post(flow.url, body, headers(ed25519Pair()))).status).toBe(401);
    });

    it('generic HMAC with a signed-text template (Zoom): accepts, refuses stale and tampered', async () => {
      const flow = await publish({
        type: 'hmac',
        secret: 'zoom-token',
        header: 'x-zm-signature',
        prefix: 'v0=',
        timestampHeader: 'x-zm-request-timestamp',
        signedPayloadTemplate: 'v0:{timestamp}:{body}',
      });
      const body = '{"event":"meeting.started"}';
      const headers = (ts: number, payload = body) => ({
        'x-zm-signature': `v0=${hmacHex('sha256', 'zoom-token', `v0:${ts}:${payload}`)}`,
        'x-zm-request-timestamp': String(ts),
      });
      expect((await post(flow.url, body, headers(nowSeconds()))).status).toBe(202);
      expect((await post(flow.url, body, headers(nowSeconds() - 900))).status).toBe(401);
      expect((await post(flow.url, `${body} `, headers(nowSeconds()))).status).toBe(401);
    });

    it('Zoom endpoint.url_validation: answered with the encryptedToken of the secret that signed it, no run', async () => {
      const flow = await publish({
        type: 'hmac',
        secret: 'zoom-new-token',
        previousSecret: 'zoom-old-token',
        rotationEndsAt: new Date(Date.now() + 3600_000).toISOString(),
        header: 'x-zm-signature',
        prefix: 'v0=',
        timestampHeader: 'x-zm-request-timestamp',
        signedPayloadTemplate: 'v0:{timestamp}:{body}',
        handshake: 'zoom',
      });
      const plainToken = 'qgg8vlvZRS6UYooatFL8Aw';
      const validation = JSON.stringify({
        payload: { plainToken },
        event_ts: Date.now(),
        event: 'endpoint.url_validation',
      });
      const signed = (key: string, payload = validation) => {
        const ts = nowSeconds();
        return {
          'x-zm-signature': `v0=${hmacHex('sha256', key, `v0:${ts}:${payload}`)}`,
          'x-zm-request-timestamp': String(ts),
        };
      };
      for (const key of ['zoom-new-token', 'zoom-old-token']) {
        const answer = await post(flow.url, validation, signed(key));
        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await answer.json()).toEqual({
          plainToken,
          encryptedToken: hmacHex('sha256', key, plainToken),
        });
        expect(await lastDelivery(flow.id)).toMatchObject({
          outcome: 'accepted',
          executionId: null,
          verification: expect.stringMatching(/; answered the URL handshake$/),
        });
      }

      const unsigned = await post(flow.url, validation, signed('guess'));
      expect(unsigned.status).toBe(401);
      expect(await unsigned.text()).not.toContain(plainToken);
      const event = '{"event":"meeting.started","payload":{}}';
      expect((await post(flow.url, event, signed('zoom-new-token', event))).status).toBe(202);
      expect((await lastDelivery(flow.id)).executionId).toEqual(expect.any(String));
    });

    it('generic HMAC with the signature in the body (Mailgun): accepts, refuses a forgery', async () => {
      const flow = await publish({
        type: 'hmac',
        secret: 'mailgun-key',
        sentIn: 'body',
        bodyField: 'signature.signature',
        timestampField: 'signature.timestamp',
        signedPayloadTemplate: '{json:signature.timestamp}{json:signature.token}',
      });
      const event = (key: string) => {
        const timestamp = String(nowSeconds());
        const token = 'f1c2d3e4';
        const signature = hmacHex('sha256', key, timestamp + token);
        return JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': {} });
      };
      expect((await post(flow.url, event('mailgun-key'), {})).status).toBe(202);
      expect((await post(flow.url, event('guess'), {})).status).toBe(401);
    });

    it('publish refuses a rotation end date that is not a date-time and unknown signed-text placeholders', async () => {
      const auth = {
        type: 'hmac',
        secret: 'zoom-token',
        header: 'x-zm-signature',
        timestampHeader: 'x-zm-request-timestamp',
        signedPayloadTemplate: 'v0:{ts}:{body}',
        previousSecret: 'old-token',
        rotationEndsAt: 'next monday',
      };
      const created = await app.request('POST', `/api/teams/${teamId}/flows`, {
        token,
        body: { name: 'Bad auth', definition: flowWith(auth) },
      });
      expect(created.status).toBe(201);
      const published = await app.request(
        'POST',
        `/api/teams/${teamId}/flows/${created.body.id}/publish`,
        { token },
      );
      expect(published.status).toBe(400);
      expect(published.body.issues).toEqual([
        expect.objectContaining({
          nodeId: 'hook',
          field: 'auth.rotationEndsAt',
          text: expect.stringMatching(
            /^“Authentication › Accept the previous secret until” is not a date and time/,
          ),
        }),
        expect.objectContaining({
          nodeId: 'hook',
          field: 'auth.signedPayloadTemplate',
          text: expect.stringContaining('uses {ts}, which the signature check does not know'),
        }),
      ]);
      expect(JSON.stringify(published.body)).not.toMatch(/zoom-token|old-token/);
    });

    it('secret rotation: both secrets pass until the end date; the previous one is masked', async () => {
      const until = new Date(Date.now() + 3600_000).toISOString();
      const flow = await publish({
        type: 'github',
        secret: 'new-github-secret',
        previousSecret: 'old-github-secret',
        rotationEndsAt: until,
      });
      const body = '{"zen":"Keep it logically awesome."}';
      const signed = (secret: string) => ({
        'x-hub-signature-256': `sha256=${hmacHex('sha256', secret, body)}`,
      });
      expect((await post(flow.url, body, signed('new-github-secret'))).status).toBe(202);
      expect((await post(flow.url, body, signed('old-github-secret'))).status).toBe(202);
      expect((await lastDelivery(flow.id)).verification).toBe(
        `GitHub signature valid with the previous secret (accepted until ${until})`,
      );
      expect((await post(flow.url, body, signed('guess'))).status).toBe(401);

      const shown = await app.request('GET', `/api/teams/${teamId}/flows/${flow.id}`, { token });
      const auth = shown.body.definition.nodes[0].config.auth;
      expect(auth).toMatchObject({
        secret: '••••••',
        previousSecret: '••••••',
        rotationEndsAt: until,
      });
      expect(JSON.stringify(shown.body)).not.toMatch(/github-secret/);

      // Once the end date has passed, only the current secret passes.
      const ended = await publish({
        type: 'github',
        secret: 'new-github-secret',
        previousSecret: 'old-github-secret',
        rotationEndsAt: new Date(Date.now() - 1000).toISOString(),
      });
      expect((await post(ended.url, body, signed('old-github-secret'))).status).toBe(401);
      expect((await lastDelivery(ended.id)).verification).toMatch(
        /previous secret stopped being accepted/,
      );
    });

    it('"Rotate" in the editor: the stored secret, only ever seen masked, moves to previous', async () => {
      const flow = await publish({ type: 'github', secret: 'first-github-secret' });
      const shown = await app.request('GET', `/api/teams/${teamId}/flows/${flow.id}`, { token });
      const definition = shown.body.definition;
      const auth = definition.nodes[0].config.auth;
      expect(auth.secret).toBe('••••••');
      // What the trigger panel's Rotate sends: the mask moved by reference, and the new secret.
      definition.nodes[0].config.auth = {
        ...auth,
        secret: 'second-github-secret',
        previousSecret: storedValueRef('auth.secret'),
        rotationEndsAt: new Date(Date.now() + 3600_000).toISOString(),
      };
      const saved = await app.request('PATCH', `/api/teams/${teamId}/flows/${flow.id}`, {
        token,
        body: { definition },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.definition.nodes[0].config.auth.previousSecret).toBe('••••••');
      const published = await app.request('POST', `/api/teams/${teamId}/flows/${flow.id}/publish`, {
        token,
      });
      expect(published.status).toBe(200);
      const body = '{"ref":"refs/heads/main"}';
      const signed = (secret: string) => ({
        'x-hub-signature-256': `sha256=${hmacHex('sha256', secret, body)}`,
      });
      expect((await post(flow.url, body, signed('second-github-secret'))).status).toBe(202);
      expect((await post(flow.url, body, signed('first-github-secret'))).status).toBe(202);
      expect((await lastDelivery(flow.id)).verification).toMatch(/with the previous secret/);
    });
  },
);
