import {
  NOW_S,
  hmacHex,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';

const secret = 'slack-signing-secret';
const auth = { type: 'slack', secret } as const;
const body = 'token=abc&team_id=T1&text=hello%20world';
const headers = (ts: number | string, payload = body, key = secret) => ({
  'x-slack-request-timestamp': String(ts),
  'x-slack-signature': `v0=${hmacHex('sha256', key, `v0:${ts}:${payload}`)}`,
});

describe('slack scheme', () => {
  it('accepts the example from Slack’s documentation', () => {
    const docBody =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const result = verify(
      { type: 'slack', secret: '8f742231b10e8888abcd99yyyzzz85a5' },
      request(
        {
          'x-slack-request-timestamp': '1531420618',
          'x-slack-signature':
            'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
        },
        docBody,
      ),
      new Date(1531420618 * 1000 + 30_000),
    );
    expect(result).toEqual({ ok: true, detail: 'Slack signature valid' });
  });

  it('accepts a valid signature', () => {
    expect(verify(auth, request(headers(NOW_S - 10), body)).ok).toBe(true);
  });

  it('rejects a tampered body', () => {
    expect(verify(auth, request(headers(NOW_S), body + '&admin=1'))).toEqual(
      rejected('bad_signature', /does not match/),
    );
  });

  it('rejects another secret', () => {
    expect(verify(auth, request(headers(NOW_S, body, 'other'), body))).toEqual(
      rejected('bad_signature'),
    );
  });

  it('rejects a timestamp header changed after signing', () => {
    const h = { ...headers(NOW_S), 'x-slack-request-timestamp': String(NOW_S + 1) };
    expect(verify(auth, request(h, body))).toEqual(rejected('bad_signature'));
  });

  it('rejects missing headers', () => {
    const { 'x-slack-signature': _s, ...noSignature } = headers(NOW_S);
    const { 'x-slack-request-timestamp': _t, ...noTimestamp } = headers(NOW_S);
    expect(verify(auth, request(noSignature, body))).toEqual(
      rejected('unauthorized', /^X-Slack-Signature header missing$/),
    );
    expect(verify(auth, request(noTimestamp, body))).toEqual(
      rejected('unauthorized', /^X-Slack-Request-Timestamp header missing$/),
    );
  });

  it('rejects malformed headers', () => {
    const bare = { ...headers(NOW_S), 'x-slack-signature': hmacHex('sha256', secret, body) };
    expect(verify(auth, request(bare, body))).toEqual(rejected('bad_signature', /malformed/));
    const words = { ...headers(NOW_S), 'x-slack-request-timestamp': 'yesterday' };
    expect(verify(auth, request(words, body))).toEqual(rejected('bad_signature', /Unix timestamp/));
  });

  it('rejects a stale timestamp (301 s) and accepts the edge (300 s)', () => {
    expect(verify(auth, request(headers(NOW_S - 300), body)).ok).toBe(true);
    expect(verify(auth, request(headers(NOW_S - 301), body))).toEqual(
      rejected(
        'stale_timestamp',
        new RegExp(`^Timestamp ${NOW_S - 301} is 301 s old \\(tolerance 300 s\\)$`),
      ),
    );
  });

  it('rejects a future timestamp', () => {
    expect(verify(auth, request(headers(NOW_S + 600), body))).toEqual(
      rejected('stale_timestamp', /600 s in the future/),
    );
  });

  it('honours a configured tolerance', () => {
    const strict = { ...auth, toleranceSeconds: 30 };
    expect(verify(strict, request(headers(NOW_S - 31), body))).toEqual(
      rejected('stale_timestamp', /tolerance 30 s/),
    );
  });
});
