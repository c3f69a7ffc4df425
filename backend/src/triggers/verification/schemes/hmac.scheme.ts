import {
  checkTimestamp,
  decodeSignature,
  digestEquals,
  fail,
  hmac,
  missingSecret,
  ok,
  parseUnixSeconds,
  requireHeader,
  toleranceOf,
} from '../crypto-utils.js';
import type {
  TriggerAuthConfig,
  VerificationRequest,
  VerificationResult,
  VerificationScheme,
} from '../types.js';

export const DEFAULT_SIGNED_PAYLOAD_TEMPLATE = '{timestamp}.{body}';

const PLACEHOLDER = /(\{timestamp\}|\{body\}|\{header:[^{}]+\})/;

/** Problems with a generic HMAC config's timestamp template, as messages (empty when usable). */
export function validateHmacTemplate(auth: TriggerAuthConfig): string[] {
  const template = auth.signedPayloadTemplate;
  const timestampHeader = auth.timestampHeader?.trim();
  const errors: string[] = [];
  if (template !== undefined && template !== '') {
    if (!template.includes('{body}')) errors.push('Signed payload template must contain {body}');
    if (template.includes('{timestamp}') && !timestampHeader) {
      errors.push('Signed payload template uses {timestamp} but no timestamp header is set');
    }
  }
  return errors;
}

/**
 * The bytes covered by the signature: the template with `{timestamp}`, each `{header:Name}`
 * (the request's header value) and the raw `{body}`; a missing header is the failure to answer.
 */
export function renderSignedPayload(
  template: string,
  timestamp: string,
  request: VerificationRequest,
): Buffer | VerificationResult {
  const parts: Buffer[] = [];
  for (const part of template.split(PLACEHOLDER)) {
    if (part === '{body}') parts.push(request.rawBody);
    else if (part === '{timestamp}') parts.push(Buffer.from(timestamp, 'utf8'));
    else if (part.startsWith('{header:')) {
      const header = requireHeader(request, part.slice('{header:'.length, -1).trim());
      if ('failure' in header) return header.failure;
      parts.push(Buffer.from(header.value, 'utf8'));
    } else parts.push(Buffer.from(part, 'utf8'));
  }
  return Buffer.concat(parts);
}

/**
 * Generic HMAC: `<header>: [prefix]<hex|base64 HMAC-<algorithm>(secret, payload)>`, where the
 * payload is the signed payload template (default: the raw body; `{timestamp}.{body}` with a
 * timestamp header, whose value must then be within the tolerance). Linear, Typeform, Zoom and
 * the like are configurations of this (see hmac-services.spec.ts).
 */
export const hmacScheme: VerificationScheme = {
  type: 'hmac',
  verify(auth, request, options) {
    if (!auth.secret) return missingSecret();
    const name = auth.header?.trim();
    if (!name)
      return fail('unauthorized', 'HMAC authentication has no signature header configured');
    const templateErrors = validateHmacTemplate(auth);
    if (templateErrors.length > 0) return fail('unauthorized', templateErrors.join('; '));

    const algorithm = auth.algorithm ?? 'sha256';
    const encoding = auth.encoding ?? 'hex';
    const prefix = auth.prefix ?? '';

    const header = requireHeader(request, name);
    if ('failure' in header) return header.failure;
    if (header.value.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) {
      return fail('bad_signature', `${name} header does not start with "${prefix}"`);
    }
    const received = decodeSignature(header.value.slice(prefix.length).trim(), encoding);
    if (!received) return fail('bad_signature', `${name} header is not ${encoding} encoded`);

    const timestampName = auth.timestampHeader?.trim();
    let timestampText = '';
    let timestamp: number | undefined;
    if (timestampName) {
      const timestampHeader = requireHeader(request, timestampName);
      if ('failure' in timestampHeader) return timestampHeader.failure;
      timestampText = timestampHeader.value;
      timestamp = parseUnixSeconds(timestampText);
      if (timestamp === undefined) {
        return fail('bad_signature', `${timestampName} header is not a Unix timestamp`);
      }
    }
    const template =
      auth.signedPayloadTemplate || (timestampName ? DEFAULT_SIGNED_PAYLOAD_TEMPLATE : '{body}');
    const payload = renderSignedPayload(template, timestampText, request);
    if (!Buffer.isBuffer(payload)) return payload;

    const expected = hmac(algorithm, auth.secret, payload);
    if (!digestEquals(expected, received)) {
      return fail(
        'bad_signature',
        timestampName
          ? 'Signature does not match the timestamp and body'
          : 'Signature does not match the body',
      );
    }
    if (timestamp !== undefined) {
      const stale = checkTimestamp(timestamp, options.now, toleranceOf(auth.toleranceSeconds));
      if (stale) return stale;
    }
    return ok(`HMAC-${algorithm.toUpperCase()} signature valid`);
  },
};
