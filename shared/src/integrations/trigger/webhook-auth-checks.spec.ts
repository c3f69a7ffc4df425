import {
  isIsoDateTime,
  unknownSignedTextPlaceholders,
  webhookAuthProblems,
} from './webhook-auth-checks';

describe('webhook trigger auth checks', () => {
  it('accepts ISO 8601 date-times with Z or an offset, and nothing else', () => {
    for (const ok of [
      '2026-12-31T12:00:00Z',
      '2026-12-31T12:00:00.250Z',
      '2026-12-31T13:00:00+01:00',
      '2024-02-29T00:00:00Z',
    ]) {
      expect(isIsoDateTime(ok)).toBe(true);
    }
    for (const bad of [
      'next friday',
      '2026-12-31',
      '2026-12-31T12:00:00',
      '31/12/2026 12:00',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '1767182400',
    ]) {
      expect(isIsoDateTime(bad)).toBe(false);
    }
  });

  it('lists the {…} parts of signed text that are not placeholders', () => {
    expect(unknownSignedTextPlaceholders('v0:{timestamp}:{body}')).toEqual([]);
    expect(
      unknownSignedTextPlaceholders('{json:signature.timestamp}{json:signature.token}'),
    ).toEqual([]);
    expect(unknownSignedTextPlaceholders('{header:X-Id}.{body}')).toEqual([]);
    expect(unknownSignedTextPlaceholders('{ts}.{body}.{Body}.{header:}')).toEqual([
      '{ts}',
      '{Body}',
      '{header:}',
    ]);
  });

  it('checks the end date only for rotatable methods and the signed text only for hmac', () => {
    expect(
      webhookAuthProblems({ type: 'github', secret: 's', rotationEndsAt: 'tomorrow' }),
    ).toEqual([{ path: ['auth', 'rotationEndsAt'], problem: expect.stringContaining('ISO 8601') }]);
    expect(webhookAuthProblems({ type: 'basic', rotationEndsAt: 'tomorrow' })).toEqual([]);
    expect(webhookAuthProblems({ type: 'github', rotationEndsAt: '' })).toEqual([]);
    expect(webhookAuthProblems({ type: 'hmac', signedPayloadTemplate: '{stamp}.{body}' })).toEqual([
      {
        path: ['auth', 'signedPayloadTemplate'],
        problem:
          'uses {stamp}, which the signature check does not know: the placeholders are {body}, {timestamp}, {header:Name} and {json:a.b}',
      },
    ]);
    expect(webhookAuthProblems({ type: 'header', signedPayloadTemplate: '{stamp}' })).toEqual([]);
    expect(webhookAuthProblems(undefined)).toEqual([]);
  });
});
