import { verify } from 'node:crypto';
import { crc32 } from 'node:zlib';

import {
  checkTimestamp,
  decodeSignature,
  fail,
  ok,
  requireHeader,
  toleranceOf,
} from '../crypto-utils.js';
import type { VerificationRequest, VerificationScheme } from '../types.js';

const TRANSMISSION_ID = 'PAYPAL-TRANSMISSION-ID';
const TRANSMISSION_TIME = 'PAYPAL-TRANSMISSION-TIME';
const SIGNATURE = 'PAYPAL-TRANSMISSION-SIG';
const CERT_URL = 'PAYPAL-CERT-URL';
const AUTH_ALGO = 'PAYPAL-AUTH-ALGO';
/** PayPal signs with SHA256withRSA; anything else is refused rather than guessed. */
const ALGORITHMS: Record<string, string> = { sha256withrsa: 'sha256' };

/** The certificate URL a PayPal delivery names (for fetching it before `verify`). */
export function paypalCertificateUrl(request: VerificationRequest): string | undefined {
  const header = requireHeader(request, CERT_URL);
  return 'value' in header ? header.value : undefined;
}

/**
 * PayPal: PAYPAL-TRANSMISSION-SIG is a base64 SHA256withRSA signature of
 * `<transmission id>|<transmission time>|<webhook id>|<CRC32 of the raw body, unsigned decimal>`,
 * made with the key of the certificate at PAYPAL-CERT-URL. The caller fetches and checks that
 * certificate (see paypal-certificates.ts) and passes the result in `options.certificate`.
 * The transmission time must be within the tolerance (default 300 s).
 */
export const paypalScheme: VerificationScheme = {
  type: 'paypal',
  verify(auth, request, options) {
    const webhookId = auth.webhookId?.trim();
    if (!webhookId)
      return fail('unauthorized', 'No PayPal webhook ID is configured for this trigger');
    const headers: Record<string, string> = {};
    for (const name of [TRANSMISSION_ID, TRANSMISSION_TIME, SIGNATURE, CERT_URL, AUTH_ALGO]) {
      const header = requireHeader(request, name);
      if ('failure' in header) return header.failure;
      headers[name] = header.value;
    }
    const algorithm = ALGORITHMS[headers[AUTH_ALGO].toLowerCase()];
    if (!algorithm)
      return fail('bad_signature', `${AUTH_ALGO} "${headers[AUTH_ALGO]}" is not supported`);
    const sentAt = Date.parse(headers[TRANSMISSION_TIME]);
    if (Number.isNaN(sentAt))
      return fail('bad_signature', `${TRANSMISSION_TIME} header is not a date`);
    const received = decodeSignature(headers[SIGNATURE], 'base64');
    if (!received) return fail('bad_signature', `${SIGNATURE} header is not base64 encoded`);

    const lookup = options.certificate;
    if (!lookup) return fail('unauthorized', 'PayPal certificate was not checked');
    if (!lookup.ok) return fail('unauthorized', lookup.detail);
    const { certificate } = lookup;
    if (options.now.getTime() > Date.parse(certificate.validTo)) {
      return fail('unauthorized', 'PayPal certificate is expired');
    }

    const signed = [
      headers[TRANSMISSION_ID],
      headers[TRANSMISSION_TIME],
      webhookId,
      String(crc32(request.rawBody) >>> 0),
    ].join('|');
    if (!verify(algorithm, Buffer.from(signed, 'utf8'), certificate.publicKey, received)) {
      return fail(
        'bad_signature',
        'Signature does not match the transmission, webhook ID and body',
      );
    }
    const stale = checkTimestamp(
      Math.floor(sentAt / 1000),
      options.now,
      toleranceOf(auth.toleranceSeconds),
    );
    return stale ?? ok('PayPal signature valid');
  },
};
