import {
  NOW_S,
  hmacHex,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';

const secret = 'whsec_stripeTestSecret123';
const auth = { type: 'stripe', secret } as const;
const body = '{"id":"evt_1","object":"event","type":"payment_intent.succeeded"}';
const v1 = (ts: number, payload = body, key = secret) => hmacHex('sha256', key, `${ts}.${payload}`);
const header = (value: string) => ({ 'stripe-signature': value });

describe('stripe scheme', () => {
  it('accepts a valid signature', () => {
    expect(verify(auth, request(header(`t=${NOW_S},v1=${v1(NOW_S)}`), body))).toEqual({
      ok: true,
      detail: 'Stripe signature valid',
    });
  });

  it('accepts when one of several v1 signatures matches (secret roll), ignoring v0', () => {
    const value = `t=${NOW_S},v1=${v1(NOW_S, body, 'whsec_old')},v1=${v1(NOW_S)},v0=${'0'.repeat(64)}`;
    expect(verify(auth, request(header(value), body)).ok).toBe(true);
  });

  it('rejects when none of several v1 signatures matches', () => {
    const value = `t=${NOW_S},v1=${v1(NOW_S, body, 'a')},v1=${v1(NOW_S, body, 'b')}`;
    expect(verify(auth, request(header(value), body))).toEqual(
      rejected('bad_signature', /None of the 2 v1 signatures/),
    );
  });

  it('does not accept a matching v0 signature', () => {
    expect(verify(auth, request(header(`t=${NOW_S},v0=${v1(NOW_S)}`), body))).toEqual(
      rejected('bad_signature', /no v1 signature/),
    );
  });

  it('rejects a tampered body', () => {
    expect(
      verify(auth, request(header(`t=${NOW_S},v1=${v1(NOW_S)}`), body.replace('1', '2'))),
    ).toEqual(rejected('bad_signature', /does not match/));
  });

  it('rejects another secret', () => {
    expect(
      verify(auth, request(header(`t=${NOW_S},v1=${v1(NOW_S, body, 'whsec_x')}`), body)),
    ).toEqual(rejected('bad_signature'));
  });

  it('rejects a timestamp changed after signing', () => {
    expect(verify(auth, request(header(`t=${NOW_S - 1},v1=${v1(NOW_S)}`), body))).toEqual(
      rejected('bad_signature'),
    );
  });

  it('rejects a missing header', () => {
    expect(verify(auth, request({}, body))).toEqual(
      rejected('unauthorized', /^Stripe-Signature header missing$/),
    );
  });

  it.each([
    ['no t', `v1=${v1(NOW_S)}`, /exactly one t=/],
    ['two t', `t=${NOW_S},t=${NOW_S},v1=${v1(NOW_S)}`, /exactly one t=/],
    ['t not a number', `t=now,v1=${v1(NOW_S)}`, /Unix timestamp/],
    ['no signature', `t=${NOW_S}`, /no v1 signature/],
    ['garbage', 'garbage', /malformed/],
  ])('rejects a malformed header (%s)', (_label, value, detail) => {
    expect(verify(auth, request(header(value), body))).toEqual(rejected('bad_signature', detail));
  });

  it('rejects a stale timestamp', () => {
    const ts = NOW_S - 412;
    expect(verify(auth, request(header(`t=${ts},v1=${v1(ts)}`), body))).toEqual(
      rejected('stale_timestamp', `Timestamp ${ts} is 412 s old (tolerance 300 s)`),
    );
  });

  it('rejects a future timestamp beyond the tolerance and accepts one within it', () => {
    const far = NOW_S + 301;
    expect(verify(auth, request(header(`t=${far},v1=${v1(far)}`), body))).toEqual(
      rejected('stale_timestamp', /301 s in the future/),
    );
    const near = NOW_S + 299;
    expect(verify(auth, request(header(`t=${near},v1=${v1(near)}`), body)).ok).toBe(true);
  });
});
