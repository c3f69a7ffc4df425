import { rejected, request, verify } from '../../../test-support/verification-test-helpers.js';

const auth = { type: 'basic', username: 'hook', password: 'p:a:s:s wörd' } as const;
const basic = (credentials: string) =>
  `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;

describe('basic auth scheme', () => {
  it('accepts the right credentials (password may contain colons and non-ASCII)', () => {
    expect(verify(auth, request({ authorization: basic('hook:p:a:s:s wörd') }))).toEqual({
      ok: true,
      detail: 'Basic credentials valid',
    });
    expect(
      verify(auth, request({ authorization: basic('hook:p:a:s:s wörd').replace('Basic', 'basic') }))
        .ok,
    ).toBe(true);
  });

  it.each([
    ['a wrong password', 'hook:p:a:s:s word'],
    ['a wrong username', 'hooks:p:a:s:s wörd'],
    ['an empty password', 'hook:'],
  ])('rejects %s', (_label, credentials) => {
    expect(verify(auth, request({ authorization: basic(credentials) }))).toEqual(
      rejected('unauthorized', /^Username or password does not match$/),
    );
  });

  it('rejects a missing Authorization header', () => {
    expect(verify(auth, request({}))).toEqual(
      rejected('unauthorized', /^Authorization header missing$/),
    );
  });

  it.each([
    ['a Bearer token', 'Bearer abc'],
    ['a non-base64 value', 'Basic ***'],
  ])('rejects a malformed header (%s)', (_label, value) => {
    expect(verify(auth, request({ authorization: value }))).toEqual(
      rejected('unauthorized', /not Basic/),
    );
  });

  it('rejects credentials without a colon', () => {
    expect(verify(auth, request({ authorization: basic('hook') }))).toEqual(
      rejected('unauthorized', /username:password/),
    );
  });
});
