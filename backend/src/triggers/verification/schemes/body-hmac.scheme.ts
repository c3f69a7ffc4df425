import {
  decodeSignature,
  digestEquals,
  fail,
  hmac,
  missingSecret,
  ok,
  requireHeader,
  type SignatureEncoding,
} from '../crypto-utils.js';
import type { AuthType, VerificationScheme } from '../types.js';

export interface BodyHmacPreset {
  type: AuthType;
  /** Named in the success detail, e.g. `GitHub`. */
  provider: string;
  header: string;
  /** Text before the signature in the header, e.g. `sha256=`; empty for none. */
  prefix: string;
  encoding: SignatureEncoding;
}

/**
 * The presets whose signature is an HMAC-SHA256 of the raw body alone, sent in one header
 * (GitHub, Shopify). Timestamped schemes (Slack, Stripe, Standard Webhooks) have their own files.
 */
export function bodyHmacScheme(preset: BodyHmacPreset): VerificationScheme {
  const shape = `${preset.prefix}<${preset.encoding} HMAC-SHA256>`;
  return {
    type: preset.type,
    verify(auth, request) {
      if (!auth.secret) return missingSecret();
      const header = requireHeader(request, preset.header);
      if ('failure' in header) return header.failure;
      const received = header.value.startsWith(preset.prefix)
        ? decodeSignature(header.value.slice(preset.prefix.length), preset.encoding)
        : undefined;
      if (received?.length !== 32) {
        return fail('bad_signature', `${preset.header} header is malformed (expected ${shape})`);
      }
      if (!digestEquals(hmac('sha256', auth.secret, request.rawBody), received)) {
        return fail('bad_signature', 'Signature does not match the body');
      }
      return ok(`${preset.provider} signature valid`);
    },
  };
}
