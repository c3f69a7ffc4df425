import { randomBytes } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import {
  NOW,
  NOW_S,
  ed25519Pair,
  hmacBase64,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';

const keyBytes = Buffer.from('hookflow-standard-webhooks-key-32');
const secret = `whsec_${keyBytes.toString('base64')}`;
const auth = { type: 'standard-webhooks', secret } as const;
const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const body = '{"type":"invoice.paid","data":{"id":"inv_1"}}';
const sig = (ts: number, payload = body, key: Buffer = keyBytes, msgId = id) =>
  `v1,${hmacBase64('sha256', key, `${msgId}.${ts}.${payload}`)}`;
const headers = (ts: number, signature = sig(ts)) => ({
  'webhook-id': id,
  'webhook-timestamp': String(ts),
  'webhook-signature': signature,
});

describe('standard-webhooks scheme', () => {
  it('accepts the example from the Standard Webhooks / Svix documentation', () => {
    const result = verify(
      { type: 'standard-webhooks', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      request(
        {
          'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
          'webhook-timestamp': '1614265330',
          'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
        },
        '{"test": 2432232314}',
      ),
      new Date(1614265330 * 1000),
    );
    expect(result).toEqual({ ok: true, detail: 'Standard Webhooks v1 signature valid' });
  });

  it('accepts a valid signature', () => {
    expect(verify(auth, request(headers(NOW_S), body)).ok).toBe(true);
  });

  it('accepts when one of several space-separated signatures matches, ignoring other versions', () => {
    const value = [
      `v1a,${randomBytes(64).toString('base64')}`,
      sig(NOW_S, body, Buffer.from('old key')),
      sig(NOW_S),
      'v2,whatever',
    ].join(' ');
    expect(verify(auth, request(headers(NOW_S, value), body)).ok).toBe(true);
  });

  it('rejects when none of several signatures matches', () => {
    const value = `${sig(NOW_S, body, Buffer.from('a'))} ${sig(NOW_S, body, Buffer.from('b'))}`;
    expect(verify(auth, request(headers(NOW_S, value), body))).toEqual(
      rejected('bad_signature', /None of the 2 v1 signatures/),
    );
  });

  it('uses the base64-decoded key, not the whsec_ string', () => {
    const withStringKey = `v1,${hmacBase64('sha256', secret, `${id}.${NOW_S}.${body}`)}`;
    expect(verify(auth, request(headers(NOW_S, withStringKey), body))).toEqual(
      rejected('bad_signature'),
    );
  });

  it('rejects a tampered body, a changed id and another secret', () => {
    expect(verify(auth, request(headers(NOW_S), body + '\n'))).toEqual(rejected('bad_signature'));
    expect(verify(auth, request({ ...headers(NOW_S), 'webhook-id': 'msg_other' }, body))).toEqual(
      rejected('bad_signature'),
    );
    expect(
      verify(auth, request(headers(NOW_S, sig(NOW_S, body, Buffer.from('wrong'))), body)),
    ).toEqual(rejected('bad_signature', /does not match/));
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'rejects a missing %s header',
    (name) => {
      const h: Record<string, string | undefined> = { ...headers(NOW_S), [name]: undefined };
      expect(verify(auth, request(h, body))).toEqual(
        rejected('unauthorized', new RegExp(`^${name} header missing$`)),
      );
    },
  );

  it('rejects malformed headers', () => {
    const bare = headers(NOW_S, sig(NOW_S).slice(3));
    expect(verify(auth, request(bare, body))).toEqual(rejected('bad_signature', /no v1 signature/));
    const notBase64 = headers(NOW_S, 'v1,@@@');
    expect(verify(auth, request(notBase64, body))).toEqual(rejected('bad_signature'));
    const badTs = { ...headers(NOW_S), 'webhook-timestamp': '2026-03-01' };
    expect(verify(auth, request(badTs, body))).toEqual(rejected('bad_signature', /Unix timestamp/));
  });

  it('rejects stale and future timestamps', () => {
    expect(verify(auth, request(headers(NOW_S - 301), body))).toEqual(
      rejected('stale_timestamp', /301 s old/),
    );
    expect(verify(auth, request(headers(NOW_S + 301), body))).toEqual(
      rejected('stale_timestamp', /301 s in the future/),
    );
    expect(verify(auth, request(headers(NOW_S + 300), body)).ok).toBe(true);
  });

  it('rejects a secret that is not base64', () => {
    expect(
      verify(
        { type: 'standard-webhooks', secret: 'whsec_not base64!' },
        request(headers(NOW_S), body),
      ),
    ).toEqual(rejected('unauthorized', /whsec_/));
  });

  describe('cross-check with the standardwebhooks package', () => {
    it('verifies what the reference library signs', () => {
      const wh = new Webhook(secret);
      const signature = wh.sign(id, NOW, body);
      expect(verify(auth, request(headers(NOW_S, signature), body)).ok).toBe(true);
      expect(verify(auth, request(headers(NOW_S, signature), `${body} `)).ok).toBe(false);
    });

    it('produces signatures the reference library accepts', () => {
      const wh = new Webhook(secret);
      const now = Math.floor(Date.now() / 1000);
      expect(() =>
        wh.verify(body, {
          'webhook-id': id,
          'webhook-timestamp': String(now),
          'webhook-signature': sig(now),
        }),
      ).not.toThrow();
    });
  });

  describe('v1a (Ed25519, whpk_ public key)', () => {
    const sender = ed25519Pair();
    const v1aAuth = {
      type: 'standard-webhooks',
      secret: `whpk_${sender.publicKey.toString('base64')}`,
    } as const;
    const v1a = (ts: number, payload = body, signer = sender) =>
      `v1a,${signer.sign(`${id}.${ts}.${payload}`).toString('base64')}`;

    it('accepts a v1a signature of id.timestamp.body', () => {
      expect(verify(v1aAuth, request(headers(NOW_S, v1a(NOW_S)), body))).toEqual({
        ok: true,
        detail: 'Standard Webhooks v1a signature valid',
      });
    });

    it('accepts when one of several entries matches, ignoring v1 entries', () => {
      const value = `${sig(NOW_S)} ${v1a(NOW_S, body, ed25519Pair())} ${v1a(NOW_S)}`;
      expect(verify(v1aAuth, request(headers(NOW_S, value), body)).ok).toBe(true);
    });

    it('rejects a tampered body, another key, a v1-only header and a stale timestamp', () => {
      expect(verify(v1aAuth, request(headers(NOW_S, v1a(NOW_S)), `${body}x`))).toEqual(
        rejected('bad_signature', /does not match the id, timestamp and body/),
      );
      expect(
        verify(v1aAuth, request(headers(NOW_S, v1a(NOW_S, body, ed25519Pair())), body)),
      ).toEqual(rejected('bad_signature'));
      expect(verify(v1aAuth, request(headers(NOW_S, sig(NOW_S)), body))).toEqual(
        rejected('bad_signature', /no v1a signature/),
      );
      expect(verify(v1aAuth, request(headers(NOW_S - 301, v1a(NOW_S - 301)), body))).toEqual(
        rejected('stale_timestamp'),
      );
    });

    it('refuses a whpk_ key that is not 32 base64 bytes', () => {
      expect(
        verify({ ...v1aAuth, secret: 'whpk_c2hvcnQ=' }, request(headers(NOW_S, v1a(NOW_S)), body)),
      ).toEqual(rejected('unauthorized', /not a whpk_<base64> Ed25519 key/));
    });
  });
});
