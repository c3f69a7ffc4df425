import {
  NOW,
  NOW_S,
  ed25519Pair,
  hmacHex,
  rejected,
  request,
  verify,
} from '../../test-support/verification-test-helpers.js';
import type { TriggerAuthConfig } from './types.js';

const body = '{"action":"opened"}';
const github = (secret: string) => ({
  'x-hub-signature-256': `sha256=${hmacHex('sha256', secret, body)}`,
});
const inAnHour = new Date(NOW.getTime() + 3600_000).toISOString();
const anHourAgo = new Date(NOW.getTime() - 3600_000).toISOString();
const rotating: TriggerAuthConfig = {
  type: 'github',
  secret: 'new-secret',
  previousSecret: 'old-secret',
  rotationEndsAt: inAnHour,
};

describe('secret rotation', () => {
  it('accepts the current and, until its end date, the previous secret', () => {
    expect(verify(rotating, request(github('new-secret'), body))).toEqual({
      ok: true,
      detail: 'GitHub signature valid',
    });
    expect(verify(rotating, request(github('old-secret'), body))).toEqual({
      ok: true,
      detail: `GitHub signature valid with the previous secret (accepted until ${inAnHour})`,
      withPreviousSecret: true,
    });
  });

  it('rejects the previous secret from its end date on, saying so', () => {
    const ended = { ...rotating, rotationEndsAt: anHourAgo };
    expect(verify(ended, request(github('old-secret'), body))).toEqual(
      rejected(
        'bad_signature',
        `Signature does not match the body; the previous secret stopped being accepted at ${anHourAgo}`,
      ),
    );
    expect(verify(ended, request(github('new-secret'), body)).ok).toBe(true);
  });

  it('never accepts a previous secret without a valid end date, or a third secret', () => {
    const open = { ...rotating, rotationEndsAt: undefined };
    expect(verify(open, request(github('old-secret'), body))).toEqual(
      rejected('bad_signature', /no valid end date/),
    );
    expect(
      verify({ ...rotating, rotationEndsAt: 'soon' }, request(github('old-secret'), body)).ok,
    ).toBe(false);
    expect(verify(rotating, request(github('other-secret'), body))).toEqual(
      rejected('bad_signature', 'Signature does not match the body'),
    );
  });

  it('rotates the public key of Discord and the token of a header trigger', () => {
    const oldApp = ed25519Pair();
    const newApp = ed25519Pair();
    const discord: TriggerAuthConfig = {
      type: 'discord',
      publicKey: newApp.publicKey.toString('hex'),
      previousSecret: oldApp.publicKey.toString('hex'),
      rotationEndsAt: inAnHour,
    };
    const signed = (app: typeof oldApp) => ({
      'x-signature-ed25519': app.sign(`${NOW_S}${body}`).toString('hex'),
      'x-signature-timestamp': String(NOW_S),
    });
    expect(verify(discord, request(signed(oldApp), body)).ok).toBe(true);
    expect(verify(discord, request(signed(newApp), body)).ok).toBe(true);
    expect(verify(discord, request(signed(ed25519Pair()), body)).ok).toBe(false);

    const header: TriggerAuthConfig = {
      type: 'header',
      header: 'X-Token',
      value: 'new-token',
      previousSecret: 'old-token',
      rotationEndsAt: inAnHour,
    };
    expect(verify(header, request({ 'x-token': 'old-token' })).ok).toBe(true);
    expect(verify(header, request({ 'x-token': 'guess' })).ok).toBe(false);
  });

  it('ignores a previous secret on methods without a rotatable key', () => {
    const basic: TriggerAuthConfig = {
      type: 'basic',
      username: 'u',
      password: 'new',
      previousSecret: 'old',
      rotationEndsAt: inAnHour,
    };
    const credentials = (password: string) => ({
      authorization: `Basic ${Buffer.from(`u:${password}`).toString('base64')}`,
    });
    expect(verify(basic, request(credentials('new'))).ok).toBe(true);
    expect(verify(basic, request(credentials('old'))).ok).toBe(false);
  });
});
