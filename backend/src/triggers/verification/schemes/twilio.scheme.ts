import {
  anyDigestEquals,
  decodeSignature,
  digestEquals,
  fail,
  hmac,
  mediaType,
  missingSecret,
  ok,
  readHeader,
  requireHeader,
  sha256,
} from '../crypto-utils.js';
import type { VerificationRequest, VerificationScheme } from '../types.js';

const HEADER = 'X-Twilio-Signature';

/**
 * The URL spellings Twilio may have signed: as given, without the port and with the default port
 * (Twilio's own validator accepts both, since some Twilio products sign with `:443`).
 */
export function twilioUrlCandidates(url: URL, original: string): string[] {
  const rest = `${url.pathname}${url.search}`;
  const defaultPort = url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
  const withoutPort = `${url.protocol}//${url.hostname}${rest}`;
  const port = url.port || defaultPort;
  const withPort = port ? `${url.protocol}//${url.hostname}:${port}${rest}` : withoutPort;
  return [...new Set([original, withoutPort, withPort])];
}

/**
 * The form parameters in Twilio's signing order: names sorted (code-unit order), each name
 * followed by its value, repeated names once per distinct value in sorted order.
 */
export function twilioSortedParams(body: string): string {
  const params = new URLSearchParams(body);
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    const values = byName.get(name) ?? new Set<string>();
    values.add(value);
    byName.set(name, values);
  }
  return [...byName.keys()]
    .sort()
    .map((name) =>
      [...(byName.get(name) ?? [])]
        .sort()
        .map((value) => name + value)
        .join(''),
    )
    .join('');
}

function isForm(request: VerificationRequest): boolean {
  const contentType = readHeader(request, 'content-type');
  return (
    contentType.kind === 'present' &&
    mediaType(contentType.value) === 'application/x-www-form-urlencoded'
  );
}

/**
 * Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1(auth token, data)>`. For form-encoded requests
 * data = full URL + sorted POST params (name+value); for JSON (any non-form) bodies the URL carries
 * `bodySHA256` = hex SHA-256 of the body and data = the URL alone. The URL is the public one
 * (PUBLIC_URL + path + query) as configured in Twilio.
 */
export const twilioScheme: VerificationScheme = {
  type: 'twilio',
  verify(auth, request) {
    if (!auth.secret) return missingSecret();
    const header = requireHeader(request, HEADER);
    if ('failure' in header) return header.failure;
    const received = decodeSignature(header.value, 'base64');
    if (!received || received.length !== 20) {
      return fail('bad_signature', `${HEADER} header is malformed (expected a base64 SHA-1 HMAC)`);
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return fail('unauthorized', 'The trigger URL is not absolute (is PUBLIC_URL set?)');
    }

    const bodyHash = url.searchParams.get('bodySHA256');
    let params = '';
    let covers = 'URL and parameters';
    if (bodyHash !== null) {
      const claimed = /^[0-9a-fA-F]{64}$/.test(bodyHash)
        ? decodeSignature(bodyHash, 'hex')
        : undefined;
      if (!claimed) return fail('bad_signature', 'bodySHA256 query parameter is malformed');
      if (!digestEquals(sha256(request.rawBody), claimed)) {
        return fail('bad_signature', 'bodySHA256 query parameter does not match the body');
      }
      covers = 'URL';
    } else if (isForm(request)) {
      params = twilioSortedParams(request.rawBody.toString('utf8'));
    } else if (request.rawBody.length > 0) {
      return fail(
        'bad_signature',
        'The body is not covered by the signature (not form-encoded and no bodySHA256 in the URL)',
      );
    } else {
      covers = 'URL';
    }

    const candidates = twilioUrlCandidates(url, request.url).map((candidate) =>
      hmac('sha1', auth.secret ?? '', candidate, params),
    );
    let matched = false;
    for (const expected of candidates) {
      if (anyDigestEquals(expected, [received])) matched = true;
    }
    if (!matched) {
      return fail('bad_signature', `Signature does not match the ${covers} (check PUBLIC_URL)`);
    }
    return ok('Twilio signature valid');
  },
};
