import { sign, X509Certificate } from 'node:crypto';
import { createGuardedFetch } from '../../outbound/index.js';
import {
  makePaypalTestChain,
  paypalHeaders,
  type PaypalTestChain,
} from '../../test-support/paypal-test-certificates.js';
import { startRecordingServer, type RecordingServer } from '../../test-support/recording-server.js';
import { rejected, request } from '../../test-support/verification-test-helpers.js';
import { PaypalCertificates } from './paypal-certificates.js';
import { verifyDelivery, verifyTriggerAuth } from './verify-trigger-auth.js';

const CERT_PATH = '/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77';
const webhookId = '1JE4291016473214C';
const auth = { type: 'paypal', webhookId } as const;
const body = '{"id":"WH-1","event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"id":"5O190127"}}';
// The chain is made during the run with openssl (valid from that second on), so the clock is the
// real one, a minute ahead, in whole seconds as PayPal sends it.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
const sentAt = NOW.toISOString().replace('.000', '');

describe('paypal scheme and certificates', () => {
  let chain: PaypalTestChain;
  let rogue: PaypalTestChain;
  let server: RecordingServer;
  let certUrl: string;
  let served: Record<string, string>;

  const certificates = (options: { now?: Date; root?: string } = {}) =>
    new PaypalCertificates({
      fetch: createGuardedFetch({ allowPrivate: false, allowlist: ['127.0.0.1'] }),
      testOverride: { certOrigin: server.origin, rootPem: options.root ?? chain.rootPem },
      now: () => options.now ?? NOW,
    });
  const delivery = (overrides: Partial<Parameters<typeof paypalHeaders>[0]> = {}) =>
    request(
      paypalHeaders({
        transmissionTime: sentAt,
        webhookId,
        certUrl,
        body,
        key: chain.leafKey,
        ...overrides,
      }),
      overrides.body ?? body,
    );
  const check = (req = delivery(), store = certificates(), now = NOW) =>
    verifyDelivery(auth, req, now, { paypalCertificates: store });

  beforeAll(async () => {
    chain = makePaypalTestChain();
    rogue = makePaypalTestChain();
    served = {
      [CERT_PATH]: chain.leafPem,
      '/v1/notifications/certs/CERT-with-root': chain.leafPem + chain.rootPem,
      '/v1/notifications/certs/CERT-rogue': rogue.leafPem,
      '/v1/notifications/certs/CERT-not-paypal': chain.strangerPem,
      '/v1/notifications/certs/CERT-junk': 'not a certificate',
    };
    server = await startRecordingServer((incoming, response) => {
      const pem = served[incoming.url];
      response.writeHead(pem ? 200 : 404, { 'content-type': 'application/x-pem-file' });
      response.end(pem ?? '');
    });
    certUrl = server.origin + CERT_PATH;
  });
  afterAll(() => server.close());

  it('signs id|time|webhook id|CRC32 of the raw body as an unsigned decimal', () => {
    // CRC-32 of "123456789" is 0xCBF43926 = 3421780262 (the standard check value; high bit set).
    const signed = `tx-1|${sentAt}|${webhookId}|3421780262`;
    const headers = {
      ...paypalHeaders({ transmissionTime: sentAt, webhookId, certUrl, body, key: chain.leafKey }),
      'paypal-transmission-id': 'tx-1',
      'paypal-transmission-sig': sign('sha256', Buffer.from(signed), chain.leafKey).toString(
        'base64',
      ),
    };
    const certificate = {
      ok: true as const,
      certificate: new X509Certificate(chain.leafPem),
    };
    expect(
      verifyTriggerAuth(auth, request(headers, '123456789'), { now: NOW, certificate }),
    ).toEqual({ ok: true, detail: 'PayPal signature valid' });
  });

  it('accepts a delivery signed with the certificate at PAYPAL-CERT-URL, fetched once', async () => {
    const store = certificates();
    const before = server.requests.length;
    expect(await check(delivery(), store)).toEqual({ ok: true, detail: 'PayPal signature valid' });
    expect(await check(delivery({ transmissionId: 'another' }), store)).toMatchObject({ ok: true });
    expect(server.requests.length - before).toBe(1);
  });

  it('accepts a chain served with its root', async () => {
    const withRoot = delivery({
      certUrl: `${server.origin}/v1/notifications/certs/CERT-with-root`,
    });
    expect(await check(withRoot)).toMatchObject({ ok: true });
  });

  it('rejects a tampered body, another webhook id, another key and a stale transmission', async () => {
    const tampered = delivery();
    tampered.rawBody = Buffer.from(body.replace('5O190127', '5O190128'));
    expect(await check(tampered)).toEqual(rejected('bad_signature', /does not match/));
    expect(await check(delivery({ webhookId: 'OTHER' }))).toEqual(rejected('bad_signature'));
    expect(await check(delivery({ key: rogue.leafKey }))).toEqual(rejected('bad_signature'));
    const old = new Date(NOW.getTime() - 301_000).toISOString();
    expect(await check(delivery({ transmissionTime: old }))).toEqual(
      rejected('stale_timestamp', /301 s old/),
    );
  });

  it('refuses certificates not chained to the trusted root, not issued to PayPal, or junk', async () => {
    const at = (name: string) =>
      delivery({ certUrl: `${server.origin}/v1/notifications/certs/${name}`, key: rogue.leafKey });
    expect(await check(at('CERT-rogue'))).toEqual(
      rejected('unauthorized', 'PayPal certificate is not issued by a trusted authority'),
    );
    expect(await check(at('CERT-not-paypal'))).toEqual(
      rejected('unauthorized', 'PayPal certificate is not issued to PayPal'),
    );
    expect(await check(at('CERT-junk'))).toEqual(
      rejected('unauthorized', /did not return a certificate/),
    );
    expect(await check(at('CERT-missing'))).toEqual(rejected('unauthorized', /answered 404/));
  });

  it('refuses a certificate outside its validity period', async () => {
    const later = new Date(NOW.getTime() + 40 * 24 * 3600 * 1000);
    expect(await check(delivery(), certificates({ now: later }), NOW)).toEqual(
      rejected('unauthorized', /expired or not yet valid/),
    );
  });

  it('never fetches a certificate URL off PayPal’s pinned host', async () => {
    const requested: string[] = [];
    const pinned = new PaypalCertificates({
      fetch: async (url) => {
        requested.push(String(url));
        throw new Error('no fetch expected');
      },
    });
    for (const url of [
      'http://api.paypal.com' + CERT_PATH,
      'https://api.paypal.com.evil.test' + CERT_PATH,
      'https://evil.test' + CERT_PATH,
      'https://api.paypal.com:8443' + CERT_PATH,
      'https://user@api.paypal.com' + CERT_PATH,
      'https://api.paypal.com/v1/oauth2/token',
      'https://api.paypal.com' + CERT_PATH + '?x=1',
      'not a url',
    ]) {
      expect(await pinned.get(url)).toEqual({
        ok: false,
        detail: expect.stringMatching(/PAYPAL-CERT-URL/),
      });
    }
    expect(pinned.urlProblem('https://api.paypal.com' + CERT_PATH)).toBeUndefined();
    expect(pinned.urlProblem('https://api.sandbox.paypal.com' + CERT_PATH)).toBeUndefined();
    expect(requested).toEqual([]);
  });

  it('names missing headers and an unsupported algorithm', async () => {
    expect(await check(request({}, body))).toEqual(
      rejected('unauthorized', 'PAYPAL-TRANSMISSION-ID header missing'),
    );
    const md5 = delivery();
    md5.headers['paypal-auth-algo'] = 'MD5withRSA';
    expect(await check(md5)).toEqual(rejected('bad_signature', /not supported/));
    expect(
      await verifyDelivery({ type: 'paypal' }, delivery(), NOW, {
        paypalCertificates: certificates(),
      }),
    ).toEqual(rejected('unauthorized', /No PayPal webhook ID/));
  });
});
