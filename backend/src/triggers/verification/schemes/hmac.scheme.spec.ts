import { createHmac } from 'node:crypto';

import type { TriggerAuthConfig } from '../types.js';
import {
  NOW_S,
  hmacHex,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';

const secret = 'generic-hmac-secret';
const body = '{"order":42}';

describe('generic hmac scheme', () => {
  it.each([
    ['sha1', 'hex'],
    ['sha256', 'hex'],
    ['sha512', 'hex'],
    ['sha1', 'base64'],
    ['sha256', 'base64'],
    ['sha512', 'base64'],
  ] as const)('accepts %s / %s and rejects a tampered body', (algorithm, encoding) => {
    const auth: TriggerAuthConfig = {
      type: 'hmac',
      secret,
      header: 'X-Signature',
      algorithm,
      encoding,
    };
    const signature = createHmac(algorithm, secret).update(body).digest(encoding);
    expect(verify(auth, request({ 'x-signature': signature }, body))).toEqual({
      ok: true,
      detail: `HMAC-${algorithm.toUpperCase()} signature valid`,
    });
    expect(verify(auth, request({ 'x-signature': signature }, `${body}.`))).toEqual(
      rejected('bad_signature', /^Signature does not match the body$/),
    );
  });

  it('defaults to sha256 / hex', () => {
    const auth: TriggerAuthConfig = { type: 'hmac', secret, header: 'X-Signature' };
    expect(verify(auth, request({ 'x-signature': hmacHex('sha256', secret, body) }, body)).ok).toBe(
      true,
    );
  });

  it('rejects a digest of another algorithm', () => {
    const auth: TriggerAuthConfig = {
      type: 'hmac',
      secret,
      header: 'X-Signature',
      algorithm: 'sha512',
    };
    expect(verify(auth, request({ 'x-signature': hmacHex('sha256', secret, body) }, body)).ok).toBe(
      false,
    );
  });

  describe('with a prefix', () => {
    const auth: TriggerAuthConfig = {
      type: 'hmac',
      secret,
      header: 'X-Hook-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: 'sha256=',
    };

    it('accepts a prefixed signature', () => {
      const value = `sha256=${hmacHex('sha256', secret, body)}`;
      expect(verify(auth, request({ 'x-hook-signature': value }, body)).ok).toBe(true);
    });

    it('rejects a missing prefix', () => {
      expect(
        verify(auth, request({ 'x-hook-signature': hmacHex('sha256', secret, body) }, body)),
      ).toEqual(rejected('bad_signature', /does not start with "sha256="/));
    });

    it('rejects another secret', () => {
      const value = `sha256=${hmacHex('sha256', 'other', body)}`;
      expect(verify(auth, request({ 'x-hook-signature': value }, body))).toEqual(
        rejected('bad_signature'),
      );
    });

    it('rejects a missing header, naming it', () => {
      expect(verify(auth, request({}, body))).toEqual(
        rejected('unauthorized', /^X-Hook-Signature header missing$/),
      );
    });

    it('rejects a malformed (non-hex) signature', () => {
      expect(verify(auth, request({ 'x-hook-signature': 'sha256=nothex!' }, body))).toEqual(
        rejected('bad_signature', /not hex encoded/),
      );
    });
  });

  describe('with a signed timestamp', () => {
    const auth: TriggerAuthConfig = {
      type: 'hmac',
      secret,
      header: 'X-Signature',
      timestampHeader: 'X-Timestamp',
      signedPayloadTemplate: 't={timestamp}&body={body}',
    };
    const headers = (ts: number, payload = body, template = 't={timestamp}&body={body}') => ({
      'x-timestamp': String(ts),
      'x-signature': hmacHex(
        'sha256',
        secret,
        template.replace('{timestamp}', String(ts)).replace('{body}', payload),
      ),
    });

    it('accepts a valid signature over the template', () => {
      expect(verify(auth, request(headers(NOW_S), body)).ok).toBe(true);
    });

    it('uses {timestamp}.{body} when no template is given', () => {
      const plain: TriggerAuthConfig = { ...auth, signedPayloadTemplate: undefined };
      expect(verify(plain, request(headers(NOW_S, body, '{timestamp}.{body}'), body)).ok).toBe(
        true,
      );
    });

    it('rejects a tampered body and a changed timestamp', () => {
      expect(verify(auth, request(headers(NOW_S), '{"order":43}'))).toEqual(
        rejected('bad_signature', /timestamp and body/),
      );
      expect(
        verify(auth, request({ ...headers(NOW_S), 'x-timestamp': String(NOW_S - 1) }, body)),
      ).toEqual(rejected('bad_signature'));
    });

    it('rejects a missing or malformed timestamp header', () => {
      const { 'x-timestamp': _t, ...noTimestamp } = headers(NOW_S);
      expect(verify(auth, request(noTimestamp, body))).toEqual(
        rejected('unauthorized', /^X-Timestamp header missing$/),
      );
      expect(verify(auth, request({ ...headers(NOW_S), 'x-timestamp': '12:00' }, body))).toEqual(
        rejected('bad_signature', /Unix timestamp/),
      );
    });

    it('rejects stale and future timestamps, honouring toleranceSeconds', () => {
      expect(verify(auth, request(headers(NOW_S - 301), body))).toEqual(
        rejected('stale_timestamp', /301 s old \(tolerance 300 s\)/),
      );
      expect(verify(auth, request(headers(NOW_S + 400), body))).toEqual(
        rejected('stale_timestamp', /400 s in the future/),
      );
      expect(
        verify({ ...auth, toleranceSeconds: 600 }, request(headers(NOW_S - 500), body)).ok,
      ).toBe(true);
    });

    it('rejects an unusable template configuration', () => {
      expect(
        verify({ ...auth, signedPayloadTemplate: '{timestamp}' }, request(headers(NOW_S), body)),
      ).toEqual(rejected('unauthorized', /must contain \{body\}/));
      const noHeader: TriggerAuthConfig = { ...auth, timestampHeader: undefined };
      expect(verify(noHeader, request(headers(NOW_S), body))).toEqual(
        rejected('unauthorized', /no timestamp header/),
      );
    });
  });

  it('rejects an incomplete configuration', () => {
    expect(verify({ type: 'hmac', secret }, request({ 'x-signature': 'aa' }, body))).toEqual(
      rejected('unauthorized', /no signature header configured/),
    );
    expect(
      verify({ type: 'hmac', header: 'X-Signature' }, request({ 'x-signature': 'aa' }, body)),
    ).toEqual(rejected('unauthorized', /secret/));
  });
});
