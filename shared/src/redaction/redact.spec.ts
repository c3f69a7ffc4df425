import { isSecretRequestHeader, REDACTED, redactText, redactValue } from './redact';

describe('redactText', () => {
  it.each([
    ['http://u:PASS@host/?api_key=K', `http://u:${REDACTED}@host/?api_key=${REDACTED}`],
    [
      'GET https://h.test/x?a=1&token=abc&b=2 failed',
      `GET https://h.test/x?a=1&token=${REDACTED}&b=2 failed`,
    ],
    [
      '?access_token=t&signature=s&key=k&secret=x&password=p',
      `?access_token=${REDACTED}&signature=${REDACTED}&key=${REDACTED}&secret=${REDACTED}&password=${REDACTED}`,
    ],
    ['Authorization: Bearer abcdefgh12345', `Authorization: Bearer ${REDACTED}`],
    ['postgres://user:pw@db:5432/x', `postgres://user:${REDACTED}@db:5432/x`],
  ])('redacts %s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    'https://h.test/items?page=2&sort=name',
    'https://u@h.test/path',
    'https://h.test/?api_key={{ vars.key }}',
    'token expired; try again',
  ])('leaves %s alone', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('redacts credential-named fields and secrets inside strings, on a copy', () => {
    const input = {
      url: 'http://u:PASS@h.test/',
      headers: { Authorization: 'Basic dTpQQVNT', Accept: 'application/json' },
      query: { api_key: 'K', page: '1' },
      list: ['http://h.test/?token=T'],
    };
    expect(redactValue(input)).toEqual({
      url: `http://u:${REDACTED}@h.test/`,
      headers: { Authorization: REDACTED, Accept: 'application/json' },
      query: { api_key: REDACTED, page: '1' },
      list: [`http://h.test/?token=${REDACTED}`],
    });
    expect(input.query.api_key).toBe('K');
  });
});

describe('isSecretRequestHeader', () => {
  it("hides the trigger's own auth header, and every credential-like one when it is unknown", () => {
    expect(isSecretRequestHeader('authorization', undefined)).toBe(true);
    expect(isSecretRequestHeader('x-token', 'X-Token')).toBe(true);
    expect(isSecretRequestHeader('x-token', undefined)).toBe(false);
    expect(isSecretRequestHeader('x-token', null)).toBe(true);
    expect(isSecretRequestHeader('x-hub-signature-256', undefined)).toBe(false);
    expect(isSecretRequestHeader('content-type', null)).toBe(false);
  });
});
