/**
 * Secret rotation of a webhook trigger: while `auth.rotationEndsAt` is in the future, requests
 * signed with `auth.previousSecret` pass too (the backend's verification/secret-rotation.ts).
 */

/** Methods whose key can be rotated. */
export const rotatableAuthTypes = [
  'header',
  'hmac',
  'github',
  'stripe',
  'slack',
  'shopify',
  'twilio',
  'standard-webhooks',
  'discord',
  'sendgrid',
];

/** The `auth` field holding the key a rotation replaces. */
export function rotationKeyField(type: string): 'secret' | 'value' | 'publicKey' {
  if (type === 'header') return 'value';
  if (type === 'discord' || type === 'sendgrid') return 'publicKey';
  return 'secret';
}

const STORED_PREFIX = '••••••@';

/**
 * Sent in place of a secret: "the value stored at `path` (dotted) of this node". The editor only
 * ever sees a stored secret masked, so "Rotate" moves it to `auth.previousSecret` this way.
 */
export const storedValueRef = (path: string): string => STORED_PREFIX + path;

/** The path a {@link storedValueRef} names, or undefined for any other value. */
export const storedValuePath = (value: unknown): string[] | undefined =>
  typeof value === 'string' && value.startsWith(STORED_PREFIX)
    ? value.slice(STORED_PREFIX.length).split('.')
    : undefined;
