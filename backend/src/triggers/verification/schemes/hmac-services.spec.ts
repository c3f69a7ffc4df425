import {
  NOW_S,
  hmacBase64,
  hmacHex,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';
import type { TriggerAuthConfig } from '../types.js';

// The long tail of senders as generic-HMAC configurations, with signatures computed the way each
// service documents them.
const body = '{"action":"create","data":{"id":"abc"},"webhookTimestamp":1772366400000}';

describe('generic HMAC configured for documented services', () => {
  it('Linear: Linear-Signature is hex HMAC-SHA256 of the raw body', () => {
    const auth: TriggerAuthConfig = {
      type: 'hmac',
      secret: 'lin_wh_secret',
      header: 'Linear-Signature',
    };
    const signature = hmacHex('sha256', 'lin_wh_secret', body);
    expect(verify(auth, request({ 'linear-signature': signature }, body)).ok).toBe(true);
    expect(verify(auth, request({ 'linear-signature': signature }, `${body} `))).toEqual(
      rejected('bad_signature', 'Signature does not match the body'),
    );
    const wrongKey = hmacHex('sha256', 'another', body);
    expect(verify(auth, request({ 'linear-signature': wrongKey }, body)).ok).toBe(false);
  });

  it('Typeform: Typeform-Signature is sha256=<base64 HMAC-SHA256 of the body>', () => {
    const auth: TriggerAuthConfig = {
      type: 'hmac',
      secret: 'tf-secret',
      header: 'Typeform-Signature',
      encoding: 'base64',
      prefix: 'sha256=',
    };
    const signature = `sha256=${hmacBase64('sha256', 'tf-secret', body)}`;
    expect(verify(auth, request({ 'typeform-signature': signature }, body)).ok).toBe(true);
    expect(verify(auth, request({ 'typeform-signature': signature }, '{}')).ok).toBe(false);
    const hexInstead = `sha256=${hmacHex('sha256', 'tf-secret', body)}`;
    expect(verify(auth, request({ 'typeform-signature': hexInstead }, body)).ok).toBe(false);
  });

  describe('Zoom: x-zm-signature is v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">', () => {
    const auth: TriggerAuthConfig = {
      type: 'hmac',
      secret: 'zoom-secret-token',
      header: 'x-zm-signature',
      prefix: 'v0=',
      timestampHeader: 'x-zm-request-timestamp',
      signedPayloadTemplate: 'v0:{timestamp}:{body}',
    };
    const headers = (ts: number, key = 'zoom-secret-token', payload = body) => ({
      'x-zm-signature': `v0=${hmacHex('sha256', key, `v0:${ts}:${payload}`)}`,
      'x-zm-request-timestamp': String(ts),
    });

    it('accepts, and rejects a tampered body, another key, a moved or stale timestamp', () => {
      expect(verify(auth, request(headers(NOW_S), body))).toEqual({
        ok: true,
        detail: 'HMAC-SHA256 signature valid',
      });
      expect(verify(auth, request(headers(NOW_S), `${body}x`)).ok).toBe(false);
      expect(verify(auth, request(headers(NOW_S, 'nope'), body)).ok).toBe(false);
      const moved = { ...headers(NOW_S), 'x-zm-request-timestamp': String(NOW_S + 1) };
      expect(verify(auth, request(moved, body))).toEqual(rejected('bad_signature'));
      expect(verify(auth, request(headers(NOW_S - 301), body))).toEqual(
        rejected('stale_timestamp'),
      );
    });
  });

  it('{header:Name} puts any request header into the signed text', () => {
    const auth: TriggerAuthConfig = {
      type: 'hmac',
      secret: 's3cret',
      header: 'X-Signature',
      prefix: 'v0=',
      timestampHeader: 'X-Timestamp',
      signedPayloadTemplate: 'v0:{header:X-Timestamp}:{header:X-Delivery}:{body}',
    };
    const headers = {
      'x-timestamp': String(NOW_S),
      'x-delivery': 'dlv_1',
      'x-signature': `v0=${hmacHex('sha256', 's3cret', `v0:${NOW_S}:dlv_1:${body}`)}`,
    };
    expect(verify(auth, request(headers, body)).ok).toBe(true);
    expect(verify(auth, request({ ...headers, 'x-delivery': 'dlv_2' }, body)).ok).toBe(false);
    const { 'x-delivery': _dropped, ...withoutDelivery } = headers;
    expect(verify(auth, request(withoutDelivery, body))).toEqual(
      rejected('unauthorized', 'X-Delivery header missing'),
    );
  });

  it('SHA-1 and SHA-512 senders (e.g. Intercom X-Hub-Signature: sha1=<hex>)', () => {
    const sha1: TriggerAuthConfig = {
      type: 'hmac',
      secret: 'ic',
      header: 'X-Hub-Signature',
      prefix: 'sha1=',
      algorithm: 'sha1',
    };
    const sent = { 'x-hub-signature': `sha1=${hmacHex('sha1', 'ic', body)}` };
    expect(verify(sha1, request(sent, body)).ok).toBe(true);
    expect(verify({ ...sha1, algorithm: 'sha256' }, request(sent, body)).ok).toBe(false);
    const sha512: TriggerAuthConfig = {
      type: 'hmac',
      secret: 'k',
      header: 'X-Sig',
      algorithm: 'sha512',
      encoding: 'base64',
    };
    const sig512 = { 'x-sig': hmacBase64('sha512', 'k', body) };
    expect(verify(sha512, request(sig512, body)).ok).toBe(true);
  });
});

describe('Mailgun: signature.signature is hex HMAC-SHA256 of timestamp + token, in the body', () => {
  const auth: TriggerAuthConfig = {
    type: 'hmac',
    secret: 'mailgun-signing-key',
    sentIn: 'body',
    bodyField: 'signature.signature',
    timestampField: 'signature.timestamp',
    signedPayloadTemplate: '{json:signature.timestamp}{json:signature.token}',
  };
  const event = (
    ts: number,
    key = 'mailgun-signing-key',
    token = 'a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0',
  ) =>
    JSON.stringify({
      signature: {
        timestamp: String(ts),
        token,
        signature: hmacHex('sha256', key, `${ts}${token}`),
      },
      'event-data': { event: 'delivered', recipient: 'a@example.com' },
    });

  it('accepts, and rejects a changed token, another key and a stale timestamp', () => {
    expect(verify(auth, request({}, event(NOW_S)))).toEqual({
      ok: true,
      detail: 'HMAC-SHA256 signature valid',
    });
    const changed = JSON.parse(event(NOW_S));
    changed.signature.token = 'another-token';
    expect(verify(auth, request({}, JSON.stringify(changed)))).toEqual(
      rejected('bad_signature', /does not match/),
    );
    expect(verify(auth, request({}, event(NOW_S, 'nope'))).ok).toBe(false);
    expect(verify(auth, request({}, event(NOW_S - 301)))).toEqual(rejected('stale_timestamp'));
  });

  it('names a missing body field, and a body that is not JSON', () => {
    expect(verify(auth, request({}, '{"event-data":{}}'))).toEqual(
      rejected('unauthorized', 'Body field signature.signature missing'),
    );
    expect(verify(auth, request({}, 'token=x'))).toEqual(rejected('unauthorized', /missing/));
  });

  it('still requires {body} in the template when the signature is in a header', () => {
    const headerSigned: TriggerAuthConfig = {
      type: 'hmac',
      secret: 's',
      header: 'X-Sig',
      timestampHeader: 'X-Ts',
      signedPayloadTemplate: '{timestamp}',
    };
    expect(verify(headerSigned, request({ 'x-sig': 'ab', 'x-ts': String(NOW_S) }))).toEqual(
      rejected('unauthorized', /must contain \{body\}/),
    );
  });
});
