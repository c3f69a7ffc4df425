import type { TriggerAuthConfig } from './types.js';
import { rejected, request, verify } from '../../test-support/verification-test-helpers.js';
import { verificationSchemes } from './verify-trigger-auth.js';

describe('verifyTriggerAuth', () => {
  it('accepts anything for auth type none', () => {
    expect(verify({ type: 'none' }, request({}, 'anything'))).toEqual({
      ok: true,
      detail: 'No authentication configured',
    });
  });

  it('has one scheme per auth type, registered under its own type', () => {
    for (const [type, scheme] of Object.entries(verificationSchemes))
      expect(scheme.type).toBe(type);
    expect(Object.keys(verificationSchemes).sort()).toEqual([
      'basic',
      'discord',
      'github',
      'header',
      'hmac',
      'none',
      'paypal',
      'sendgrid',
      'shopify',
      'slack',
      'standard-webhooks',
      'stripe',
      'twilio',
    ]);
  });

  it('fails closed for an unknown auth type', () => {
    const auth = { type: 'mailchimp' } as unknown as TriggerAuthConfig;
    expect(verify(auth, request({}))).toEqual(
      rejected('unauthorized', /Unknown authentication method "mailchimp"/),
    );
    const proto = { type: 'toString' } as unknown as TriggerAuthConfig;
    expect(verify(proto, request({})).ok).toBe(false);
  });

  it('fails closed when a scheme throws', () => {
    const broken = request({ 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` });
    (broken as { rawBody: unknown }).rawBody = 42;
    expect(verify({ type: 'github', secret: 's' }, broken)).toEqual(
      rejected('unauthorized', /unexpectedly/),
    );
  });
});
