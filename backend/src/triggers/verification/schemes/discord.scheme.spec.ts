import {
  NOW_S,
  ed25519Pair,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';

const app = ed25519Pair();
const stranger = ed25519Pair();
const auth = { type: 'discord', publicKey: app.publicKey.toString('hex') } as const;
const body = '{"type":2,"data":{"name":"ping"},"id":"1122334455"}';
const headers = (ts: number | string, payload = body, signer = app) => ({
  'x-signature-ed25519': signer.sign(`${ts}${payload}`).toString('hex'),
  'x-signature-timestamp': String(ts),
});

describe('discord scheme', () => {
  it('accepts an interaction signed over timestamp + body with the app key', () => {
    expect(verify(auth, request(headers(NOW_S), body))).toEqual({
      ok: true,
      detail: 'Discord signature valid',
    });
  });

  it('accepts an upper-case hex public key and signature', () => {
    const upper = { ...auth, publicKey: auth.publicKey.toUpperCase() };
    const sent = headers(NOW_S);
    sent['x-signature-ed25519'] = sent['x-signature-ed25519'].toUpperCase();
    expect(verify(upper, request(sent, body)).ok).toBe(true);
  });

  it('rejects a tampered body or timestamp', () => {
    expect(verify(auth, request(headers(NOW_S), `${body} `))).toEqual(
      rejected('bad_signature', 'Signature does not match the timestamp and body'),
    );
    const moved = { ...headers(NOW_S), 'x-signature-timestamp': String(NOW_S + 1) };
    expect(verify(auth, request(moved, body))).toEqual(rejected('bad_signature'));
  });

  it('rejects a signature made with another key', () => {
    expect(verify(auth, request(headers(NOW_S, body, stranger), body))).toEqual(
      rejected('bad_signature', /does not match/),
    );
  });

  it('rejects a valid signature outside the tolerance, either way', () => {
    expect(verify(auth, request(headers(NOW_S - 301), body))).toEqual(
      rejected('stale_timestamp', /301 s old/),
    );
    expect(verify(auth, request(headers(NOW_S + 301), body))).toEqual(
      rejected('stale_timestamp', /in the future/),
    );
    expect(verify({ ...auth, toleranceSeconds: 600 }, request(headers(NOW_S - 301), body)).ok).toBe(
      true,
    );
  });

  it('names missing and malformed headers and keys', () => {
    expect(verify(auth, request({}, body))).toEqual(
      rejected('unauthorized', 'X-Signature-Ed25519 header missing'),
    );
    expect(
      verify(auth, request({ ...headers(NOW_S), 'x-signature-ed25519': 'abcd' }, body)),
    ).toEqual(rejected('bad_signature', /malformed/));
    expect(
      verify(auth, request({ ...headers(NOW_S), 'x-signature-timestamp': 'soon' }, body)),
    ).toEqual(rejected('bad_signature', /not a Unix timestamp/));
    expect(verify({ ...auth, publicKey: 'abc' }, request(headers(NOW_S), body))).toEqual(
      rejected('unauthorized', /not a 64-character hex/),
    );
    expect(verify({ type: 'discord' }, request(headers(NOW_S), body))).toEqual(
      rejected('unauthorized', /No public key/),
    );
  });
});
