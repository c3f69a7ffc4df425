import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** An Ed25519 public key from its 32 raw bytes; undefined for any other length. */
export function ed25519PublicKey(raw: Buffer): KeyObject | undefined {
  if (raw.length !== 32) return undefined;
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

/** An ECDSA P-256 public key from DER (SubjectPublicKeyInfo); undefined if it is anything else. */
export function p256PublicKey(der: Buffer): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Ed25519 check of a 64-byte signature over `data`. */
export function ed25519Verifies(
  key: KeyObject,
  data: Buffer,
  signature: Buffer | undefined,
): boolean {
  return signature?.length === 64 && verify(null, data, key, signature);
}

/** ECDSA-SHA256 check of a DER signature over `data`; a malformed signature is a mismatch. */
export function ecdsaSha256Verifies(
  key: KeyObject,
  data: Buffer,
  signature: Buffer | undefined,
): boolean {
  if (!signature) return false;
  try {
    return verify('sha256', data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}
