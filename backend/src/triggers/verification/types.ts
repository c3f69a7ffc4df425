import type { WebhookAuthType, WebhookTriggerConfig } from '@hookflow/shared';

/** The authentication methods of a `trigger.webhook`. */
export type AuthType = WebhookAuthType;

type ParsedAuth = WebhookTriggerConfig['auth'];

/**
 * The `auth` object of a webhook trigger config. The parsed shared config (defaults filled in) is
 * assignable to it; `algorithm`, `encoding` and `toleranceSeconds` may also be left out (sha256,
 * hex and 300 s are assumed).
 *
 * `timestampHeader` and `signedPayloadTemplate` belong to the generic `hmac` method only and are
 * not (yet) part of the shared schema: when `timestampHeader` is set, its value must be a Unix
 * timestamp in seconds within `toleranceSeconds` of now, and the signature covers
 * `signedPayloadTemplate` (default `{timestamp}.{body}`) with `{timestamp}` and `{body}` (the raw
 * bytes) substituted. A template without a timestamp header may only use `{body}`.
 */
export type TriggerAuthConfig = Omit<ParsedAuth, 'algorithm' | 'encoding' | 'toleranceSeconds'> &
  Partial<Pick<ParsedAuth, 'algorithm' | 'encoding' | 'toleranceSeconds'>> & {
    timestampHeader?: string;
    signedPayloadTemplate?: string;
  };

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
}

/**
 * - `unauthorized`: credentials or signature header missing, wrong token / password, or the
 *   trigger's auth config is incomplete;
 * - `bad_signature`: a signature (or its timestamp) is malformed or does not match;
 * - `stale_timestamp`: the signature is valid but its timestamp is outside the tolerance (replay).
 */
export type VerificationFailureReason = 'unauthorized' | 'bad_signature' | 'stale_timestamp';

export type VerificationResult =
  | { ok: true; detail: string }
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
