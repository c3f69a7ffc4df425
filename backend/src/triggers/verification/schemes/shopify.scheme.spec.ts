import {
  hmacBase64,
  hmacHex,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';

const secret = 'shpss_0123456789abcdef';
const auth = { type: 'shopify', secret } as const;
const body = '{"id":820982911946154508,"email":"jon@example.com"}';
const header = (value: string) => ({ 'x-shopify-hmac-sha256': value });

describe('shopify scheme', () => {
  it('accepts a valid base64 signature', () => {
    expect(verify(auth, request(header(hmacBase64('sha256', secret, body)), body))).toEqual({
      ok: true,
      detail: 'Shopify signature valid',
    });
  });

  it('verifies the raw bytes, including non-UTF-8 ones', () => {
    const raw = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
    expect(verify(auth, request(header(hmacBase64('sha256', secret, raw)), raw)).ok).toBe(true);
    const reencoded = Buffer.from(raw.toString('utf8'), 'utf8');
    expect(verify(auth, request(header(hmacBase64('sha256', secret, raw)), reencoded)).ok).toBe(
      false,
    );
  });

  it('rejects a tampered body', () => {
    expect(
      verify(auth, request(header(hmacBase64('sha256', secret, body)), body.replace('jon', 'eve'))),
    ).toEqual(rejected('bad_signature', /does not match/));
  });

  it('rejects another secret', () => {
    expect(verify(auth, request(header(hmacBase64('sha256', 'nope', body)), body))).toEqual(
      rejected('bad_signature'),
    );
  });

  it('rejects a missing header', () => {
    expect(verify(auth, request({}, body))).toEqual(
      rejected('unauthorized', /^X-Shopify-Hmac-Sha256 header missing$/),
    );
  });

  it.each([
    ['hex instead of base64', hmacHex('sha256', secret, body)],
    ['not base64', '!!!!'],
    ['sha1 length', hmacBase64('sha1', secret, body)],
  ])('rejects a malformed header (%s)', (_label, value) => {
    expect(verify(auth, request(header(value), body))).toEqual(
      rejected('bad_signature', /malformed/),
    );
  });
});
