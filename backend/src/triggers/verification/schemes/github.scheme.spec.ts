import {
  hmacHex,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';

const secret = 'gh-webhook-secret';
const auth = { type: 'github', secret } as const;
const body = '{"action":"opened","number":1}';
const sign = (payload: string, key = secret) => `sha256=${hmacHex('sha256', key, payload)}`;

describe('github scheme', () => {
  it('accepts the example from GitHub’s documentation', () => {
    const result = verify(
      { type: 'github', secret: "It's a Secret to Everybody" },
      request(
        {
          'x-hub-signature-256':
            'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        },
        'Hello, World!',
      ),
    );
    expect(result).toEqual({ ok: true, detail: 'GitHub signature valid' });
  });

  it('accepts a valid signature (upper-case hex too)', () => {
    expect(verify(auth, request({ 'x-hub-signature-256': sign(body) }, body)).ok).toBe(true);
    const upper = `sha256=${hmacHex('sha256', secret, body).toUpperCase()}`;
    expect(verify(auth, request({ 'x-hub-signature-256': upper }, body)).ok).toBe(true);
  });

  it('rejects a tampered body', () => {
    const result = verify(auth, request({ 'x-hub-signature-256': sign(body) }, body + ' '));
    expect(result).toEqual(rejected('bad_signature', /^Signature does not match the body$/));
  });

  it('rejects a signature made with another secret', () => {
    const result = verify(auth, request({ 'x-hub-signature-256': sign(body, 'other') }, body));
    expect(result).toEqual(rejected('bad_signature'));
  });

  it('rejects a missing header, naming it', () => {
    expect(verify(auth, request({ 'x-hub-signature': 'sha1=abc' }, body))).toEqual(
      rejected('unauthorized', /^X-Hub-Signature-256 header missing$/),
    );
  });

  it.each([
    ['no prefix', hmacHex('sha256', secret, body)],
    ['sha1 prefix', `sha1=${hmacHex('sha1', secret, body)}`],
    ['truncated', sign(body).slice(0, -2)],
    ['not hex', `sha256=${'z'.repeat(64)}`],
  ])('rejects a malformed header (%s)', (_label, value) => {
    expect(verify(auth, request({ 'x-hub-signature-256': value }, body))).toEqual(
      rejected('bad_signature', /malformed/),
    );
  });

  it('never puts the expected signature into the detail', () => {
    const result = verify(auth, request({ 'x-hub-signature-256': sign('x') }, body));
    expect(JSON.stringify(result)).not.toContain(hmacHex('sha256', secret, body));
  });

  it('rejects when no secret is configured', () => {
    expect(
      verify({ type: 'github' }, request({ 'x-hub-signature-256': sign(body) }, body)),
    ).toEqual(rejected('unauthorized', /secret/));
  });
});
