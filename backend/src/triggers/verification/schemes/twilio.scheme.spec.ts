import { createHash } from 'node:crypto';

import {
  hmacBase64,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';

const token = 'twilio-auth-token-0123456789abcdef';
const auth = { type: 'twilio', secret: token } as const;
const FORM = 'application/x-www-form-urlencoded';
const url = 'https://hooks.example.com/hooks/abc123?flow=inbound';

/** Twilio's documented algorithm: URL + names sorted, each followed by its value. */
function formSignature(signUrl: string, params: [string, string][], key = token): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return hmacBase64('sha1', key, signUrl + sorted.map(([k, v]) => k + v).join(''));
}

const params: [string, string][] = [
  ['From', '+14155550100'],
  ['To', '+14155550199'],
  ['Body', 'Hello & welcome = 100% café'],
  ['AccountSid', 'AC0000'],
  ['body', 'lower-case name sorts after upper-case'],
];
const formBody = new URLSearchParams(params).toString();
const formRequest = (signature: string, body = formBody, reqUrl = url) =>
  request({ 'x-twilio-signature': signature, 'content-type': `${FORM}; charset=utf-8` }, body, {
    url: reqUrl,
  });

describe('twilio scheme', () => {
  it('accepts the example from Twilio’s documentation', () => {
    const docUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const docBody =
      'CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212';
    const result = verify(
      { type: 'twilio', secret: '12345' },
      request(
        { 'x-twilio-signature': '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', 'content-type': FORM },
        docBody,
        {
          url: docUrl,
        },
      ),
    );
    expect(result).toEqual({ ok: true, detail: 'Twilio signature valid' });
  });

  describe('form-encoded POST', () => {
    it('accepts a valid signature over URL + sorted params', () => {
      expect(verify(auth, formRequest(formSignature(url, params))).ok).toBe(true);
    });

    it('rejects a tampered parameter', () => {
      const tampered = formBody.replace('%2B14155550100', '%2B19995550100');
      expect(verify(auth, formRequest(formSignature(url, params), tampered))).toEqual(
        rejected('bad_signature', /URL and parameters \(check PUBLIC_URL\)/),
      );
    });

    it('rejects an added parameter', () => {
      expect(verify(auth, formRequest(formSignature(url, params), `${formBody}&Admin=1`)).ok).toBe(
        false,
      );
    });

    it('rejects a different URL (e.g. wrong PUBLIC_URL)', () => {
      const other = 'https://internal:3000/hooks/abc123?flow=inbound';
      expect(verify(auth, formRequest(formSignature(url, params), formBody, other))).toEqual(
        rejected('bad_signature'),
      );
    });

    it('accepts a signature over the URL with the default port spelled out', () => {
      const withPort = 'https://hooks.example.com:443/hooks/abc123?flow=inbound';
      expect(verify(auth, formRequest(formSignature(withPort, params))).ok).toBe(true);
    });

    it('rejects another auth token', () => {
      expect(verify(auth, formRequest(formSignature(url, params, 'other-token')))).toEqual(
        rejected('bad_signature'),
      );
    });
  });

  describe('JSON body with bodySHA256', () => {
    const json = '{"event":"message.delivered","sid":"SM123"}';
    const hash = createHash('sha256').update(json).digest('hex');
    const jsonUrl = `https://hooks.example.com/hooks/abc123?bodySHA256=${hash}`;
    const jsonRequest = (signature: string, body = json, reqUrl = jsonUrl) =>
      request({ 'x-twilio-signature': signature, 'content-type': 'application/json' }, body, {
        url: reqUrl,
      });

    it('accepts a signature over the URL alone when the body hash matches', () => {
      expect(verify(auth, jsonRequest(hmacBase64('sha1', token, jsonUrl))).ok).toBe(true);
    });

    it('rejects a tampered body (hash no longer matches)', () => {
      expect(verify(auth, jsonRequest(hmacBase64('sha1', token, jsonUrl), `${json} `))).toEqual(
        rejected('bad_signature', /bodySHA256 query parameter does not match the body/),
      );
    });

    it('rejects a body hash swapped in the URL (signature covers the URL)', () => {
      const forged = '{"event":"forged"}';
      const forgedUrl = `https://hooks.example.com/hooks/abc123?bodySHA256=${createHash('sha256').update(forged).digest('hex')}`;
      expect(
        verify(auth, jsonRequest(hmacBase64('sha1', token, jsonUrl), forged, forgedUrl)),
      ).toEqual(rejected('bad_signature', /does not match the URL/));
    });

    it('rejects another auth token', () => {
      expect(verify(auth, jsonRequest(hmacBase64('sha1', 'nope', jsonUrl))).ok).toBe(false);
    });

    it('rejects a malformed bodySHA256', () => {
      const badUrl = 'https://hooks.example.com/hooks/abc123?bodySHA256=xyz';
      expect(verify(auth, jsonRequest(hmacBase64('sha1', token, badUrl), json, badUrl))).toEqual(
        rejected('bad_signature', /bodySHA256 query parameter is malformed/),
      );
    });

    it('rejects a JSON body without bodySHA256 (it would not be covered)', () => {
      expect(verify(auth, jsonRequest(hmacBase64('sha1', token, url), json, url))).toEqual(
        rejected('bad_signature', /not covered/),
      );
    });
  });

  it('accepts a GET whose parameters are in the signed URL', () => {
    const getUrl = 'https://hooks.example.com/hooks/abc123?CallSid=CA1&From=%2B1555';
    const result = verify(
      auth,
      request({ 'x-twilio-signature': hmacBase64('sha1', token, getUrl) }, '', {
        method: 'GET',
        url: getUrl,
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('rejects a missing header', () => {
    expect(verify(auth, request({ 'content-type': FORM }, formBody, { url }))).toEqual(
      rejected('unauthorized', /^X-Twilio-Signature header missing$/),
    );
  });

  it.each([
    ['not base64', '***'],
    ['sha256 length', hmacBase64('sha256', token, url)],
  ])('rejects a malformed header (%s)', (_label, value) => {
    expect(verify(auth, formRequest(value))).toEqual(rejected('bad_signature', /malformed/));
  });

  it('reports a relative URL as a configuration problem', () => {
    const result = verify(auth, formRequest(formSignature(url, params), formBody, '/hooks/abc123'));
    expect(result).toEqual(rejected('unauthorized', /PUBLIC_URL/));
  });
});
