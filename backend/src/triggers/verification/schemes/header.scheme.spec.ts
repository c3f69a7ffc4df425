import { rejected, request, verify } from '../../../test-support/verification-test-helpers.js';

const auth = { type: 'header', header: 'X-Api-Key', value: 's3cr3t-token' } as const;

describe('header token scheme', () => {
  it('accepts the configured value (header name in any case)', () => {
    expect(verify(auth, request({ 'x-api-key': 's3cr3t-token' }))).toEqual({
      ok: true,
      detail: 'X-Api-Key header token valid',
    });
  });

  it.each([
    ['a wrong value', 's3cr3t-tokeN'],
    ['a prefix of the value', 's3cr3t'],
    ['a longer value', 's3cr3t-token-and-more'],
  ])('rejects %s', (_label, value) => {
    expect(verify(auth, request({ 'x-api-key': value }))).toEqual(
      rejected('unauthorized', /^X-Api-Key header value does not match$/),
    );
  });

  it('rejects a missing (or empty) header', () => {
    expect(verify(auth, request({}))).toEqual(
      rejected('unauthorized', /^X-Api-Key header missing$/),
    );
    expect(verify(auth, request({ 'x-api-key': '' }))).toEqual(rejected('unauthorized', /missing/));
  });

  it('rejects a header sent twice with different values', () => {
    expect(verify(auth, request({ 'x-api-key': ['s3cr3t-token', 'other'] }))).toEqual(
      rejected('bad_signature', /more than once/),
    );
  });

  it('never echoes the expected value', () => {
    expect(JSON.stringify(verify(auth, request({ 'x-api-key': 'guess' })))).not.toContain('s3cr3t');
  });

  it('rejects when not configured', () => {
    expect(verify({ type: 'header', header: 'X-Api-Key' }, request({ 'x-api-key': '' }))).toEqual(
      rejected('unauthorized', /not fully configured/),
    );
  });
});
