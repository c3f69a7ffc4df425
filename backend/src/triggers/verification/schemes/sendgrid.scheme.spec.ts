import { generateKeyPairSync } from 'node:crypto';

import {
  NOW_S,
  p256Pair,
  rejected,
  request,
  verify,
} from '../../../test-support/verification-test-helpers.js';

const sendgrid = p256Pair();
const stranger = p256Pair();
const auth = { type: 'sendgrid', publicKey: sendgrid.publicKey } as const;
const body = '[{"email":"a@example.com","event":"delivered","timestamp":1772366400}]\r\n';
const headers = (ts: number | string, payload = body, signer = sendgrid) => ({
  'x-twilio-email-event-webhook-signature': signer.sign(`${ts}${payload}`).toString('base64'),
  'x-twilio-email-event-webhook-timestamp': String(ts),
});

describe('sendgrid scheme', () => {
  it('accepts events signed over timestamp + raw body', () => {
    expect(verify(auth, request(headers(NOW_S), body))).toEqual({
      ok: true,
      detail: 'SendGrid signature valid',
    });
  });

  it('accepts the key pasted with line breaks, as the SendGrid page may show it', () => {
    const wrapped = sendgrid.publicKey.replace(/(.{40})/g, '$1\n');
    expect(verify({ ...auth, publicKey: wrapped }, request(headers(NOW_S), body)).ok).toBe(true);
  });

  it('rejects a tampered body (even a trailing newline) or timestamp', () => {
    expect(verify(auth, request(headers(NOW_S), body.trimEnd()))).toEqual(
      rejected('bad_signature', 'Signature does not match the timestamp and body'),
    );
    const moved = { ...headers(NOW_S), 'x-twilio-email-event-webhook-timestamp': `${NOW_S - 1}` };
    expect(verify(auth, request(moved, body))).toEqual(rejected('bad_signature'));
  });

  it('rejects a signature made with another key', () => {
    expect(verify(auth, request(headers(NOW_S, body, stranger), body))).toEqual(
      rejected('bad_signature', /does not match/),
    );
  });

  it('rejects a valid signature outside the tolerance', () => {
    expect(verify(auth, request(headers(NOW_S - 400), body))).toEqual(
      rejected('stale_timestamp', /400 s old/),
    );
  });

  it('refuses keys that are not P-256 and signatures that are not base64 DER', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    expect(verify({ ...auth, publicKey: rsa }, request(headers(NOW_S), body))).toEqual(
      rejected('unauthorized', /not a base64 ECDSA P-256/),
    );
    expect(verify({ ...auth, publicKey: 'bm90IGEga2V5' }, request(headers(NOW_S), body))).toEqual(
      rejected('unauthorized', /not a base64 ECDSA P-256/),
    );
    const junk = {
      ...headers(NOW_S),
      'x-twilio-email-event-webhook-signature': Buffer.from('junk').toString('base64'),
    };
    expect(verify(auth, request(junk, body))).toEqual(rejected('bad_signature', /does not match/));
    expect(verify(auth, request({}, body))).toEqual(
      rejected('unauthorized', 'X-Twilio-Email-Event-Webhook-Signature header missing'),
    );
  });
});
