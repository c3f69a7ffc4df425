import type { CertificateLookup } from './paypal-certificates.js';
import type { WebhookAuthType, WebhookTriggerConfig } from '@hookflow/shared';

/** The authentication methods of a `trigger.webhook`. */
export type AuthType = WebhookAuthType;

type ParsedAuth = WebhookTriggerConfig['auth'];

/**
 * The `auth` object of a webhook trigger config. The parsed shared config (defaults filled in) is
 * assignable to it; `algorithm`, `encoding` and `toleranceSeconds` may also be left out (sha256,
 * hex and 300 s are assumed).
 */
export type TriggerAuthConfig = Omit<ParsedAuth, 'algorithm' | 'encoding' | 'toleranceSeconds'> &
  Partial<Pick<ParsedAuth, 'algorithm' | 'encoding' | 'toleranceSeconds'>>;

/** What a scheme needs to know about one delivery. */
export interface VerificationRequest {
  method: string;
  /** The full public URL as the sender signed it: PUBLIC_URL + original path + query. */
  url: string;
  /** Header names lower-cased, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body bytes exactly as received. */
  rawBody: Buffer;
}

export interface VerificationOptions {
  now: Date;
  /** PayPal only: the checked certificate of PAYPAL-CERT-URL, fetched before verifying. */
  certificate?: CertificateLookup;
}

/**
 * - `unauthorized`: credentials or signature header missing, wrong token / password, or the
 *   trigger's auth config is incomplete;
 * - `bad_signature`: a signature (or its timestamp) is malformed or does not match;
 * - `stale_timestamp`: the signature is valid but its timestamp is outside the tolerance (replay).
 */
export type VerificationFailureReason = 'unauthorized' | 'bad_signature' | 'stale_timestamp';

export type VerificationResult =
  | {
      ok: true;
      detail: string;
      /** Set when only the previous secret of a rotation matched. */
      withPreviousSecret?: true;
    }
  | {
      ok: false;
      reason: VerificationFailureReason;
      /** Says what is wrong; never contains the expected value or the secret. */
      detail: string;
    };

/** One authentication method. Implementations are pure and never throw for bad input. */
export interface VerificationScheme {
  readonly type: AuthType;
  verify(
    auth: TriggerAuthConfig,
    request: VerificationRequest,
    options: VerificationOptions,
  ): VerificationResult;
}
