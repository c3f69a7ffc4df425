import { signedTextPlaceholder } from '@hookflow/shared';
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

/** Problems with a generic HMAC config's timestamp template, as messages (empty when usable). */
export function validateHmacTemplate(auth: TriggerAuthConfig): string[] {
  const template = auth.signedPayloadTemplate;
  const hasTimestamp = Boolean(timestampSource(auth));
  const errors: string[] = [];
  if (template !== undefined && template !== '') {
    // A signature inside the body cannot cover the body; Mailgun signs timestamp + token.
    if (!template.includes('{body}') && auth.sentIn !== 'body') {
      errors.push('Signed payload template must contain {body}');
    }
    if (template.includes('{timestamp}') && !hasTimestamp) {
      errors.push('Signed payload template uses {timestamp} but no timestamp header is set');
    }
  }
  return errors;
}

/** Where the signed timestamp comes from, if anywhere. */
function timestampSource(auth: TriggerAuthConfig): string | undefined {
  return (auth.sentIn === 'body' ? auth.timestampField : auth.timestampHeader)?.trim() || undefined;
}

/** Reads header values and JSON body fields; each miss is the failure to answer. */
class SignedRequest {
  private json: unknown;
  private parsed = false;

  constructor(readonly request: VerificationRequest) {}

  header(name: string): { value: string } | { failure: VerificationResult } {
    return requireHeader(this.request, name);
  }

  /** A string or number at a dotted path of the JSON body. */
  field(path: string): { value: string } | { failure: VerificationResult } {
    if (!this.parsed) {
      this.parsed = true;
      try {
        this.json = JSON.parse(this.request.rawBody.toString('utf8'));
      } catch {
        this.json = undefined;
      }
    }
    const value = path
      .split('.')
      .reduce<unknown>(
        (node, key) =>
          node !== null && typeof node === 'object' && Object.hasOwn(node, key)
            ? (node as Record<string, unknown>)[key]
            : undefined,
        this.json,
      );
    if (typeof value === 'string' || typeof value === 'number') return { value: String(value) };
    return { failure: fail('unauthorized', `Body field ${path} missing`) };
  }

  /** The signature, the timestamp…: from a header, or a body field when `inBody`. */
  read(name: string, inBody: boolean) {
    return inBody ? this.field(name) : this.header(name);
  }
}

/**
 * The bytes covered by the signature: the template with `{timestamp}`, each `{header:Name}`
 * and `{json:a.b}` (a header value, a JSON body field) and the raw `{body}`.
 */
function renderSignedPayload(
  template: string,
  timestamp: string,
  signed: SignedRequest,
): Buffer | VerificationResult {
  const parts: Buffer[] = [];
  for (const part of template.split(signedTextPlaceholder)) {
    if (part === '{body}') parts.push(signed.request.rawBody);
    else if (part === '{timestamp}') parts.push(Buffer.from(timestamp, 'utf8'));
    else if (part.startsWith('{header:') || part.startsWith('{json:')) {
      const inBody = part.startsWith('{json:');
      const name = part.slice(part.indexOf(':') + 1, -1).trim();
      const found = signed.read(name, inBody);
      if ('failure' in found) return found.failure;
      parts.push(Buffer.from(found.value, 'utf8'));
    } else parts.push(Buffer.from(part, 'utf8'));
  }
  return Buffer.concat(parts);
}

/**
 * Generic HMAC: `[prefix]<hex|base64 HMAC-<algorithm>(secret, payload)>` in a header (or, with
 * `sentIn: body`, a JSON body field), where the payload is the signed payload template
 * (default: the raw body; `{timestamp}.{body}` with a timestamp, which must then be within the
 * tolerance). Linear, Typeform, Zoom, Mailgun and the like are configurations of this (see
 * hmac-services.spec.ts).
 */
export const hmacScheme: VerificationScheme = {
  type: 'hmac',
  verify(auth, request, options) {
    if (!auth.secret) return missingSecret();
    const inBody = auth.sentIn === 'body';
    const name = (inBody ? auth.bodyField : auth.header)?.trim();
    if (!name) {
      return fail(
        'unauthorized',
        `HMAC authentication has no signature ${inBody ? 'body field' : 'header'} configured`,
      );
    }
    const templateErrors = validateHmacTemplate(auth);
    if (templateErrors.length > 0) return fail('unauthorized', templateErrors.join('; '));

    const algorithm = auth.algorithm ?? 'sha256';
    const encoding = auth.encoding ?? 'hex';
    const prefix = auth.prefix ?? '';
    const signed = new SignedRequest(request);
    const where = inBody ? `Body field ${name}` : `${name} header`;

    const signature = signed.read(name, inBody);
    if ('failure' in signature) return signature.failure;
    if (signature.value.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) {
      return fail('bad_signature', `${where} does not start with "${prefix}"`);
    }
    const received = decodeSignature(signature.value.slice(prefix.length).trim(), encoding);
    if (!received) return fail('bad_signature', `${where} is not ${encoding} encoded`);

    const timestampName = timestampSource(auth);
    let timestampText = '';
    let timestamp: number | undefined;
    if (timestampName) {
      const found = signed.read(timestampName, inBody);
      if ('failure' in found) return found.failure;
      timestampText = found.value;
      timestamp = parseUnixSeconds(timestampText);
      if (timestamp === undefined) {
        return fail(
          'bad_signature',
          `${inBody ? `Body field ${timestampName}` : `${timestampName} header`} is not a Unix timestamp`,
        );
      }
    }
    const template =
      auth.signedPayloadTemplate || (timestampName ? DEFAULT_SIGNED_PAYLOAD_TEMPLATE : '{body}');
    const payload = renderSignedPayload(template, timestampText, signed);
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
