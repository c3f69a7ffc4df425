import { fail } from './crypto-utils.js';
import { basicScheme } from './schemes/basic.scheme.js';
import { discordScheme } from './schemes/discord.scheme.js';
import { githubScheme } from './schemes/github.scheme.js';
import { headerScheme } from './schemes/header.scheme.js';
import { hmacScheme } from './schemes/hmac.scheme.js';
import { noneScheme } from './schemes/none.scheme.js';
import type { PaypalCertificates } from './paypal-certificates.js';
import { paypalCertificateUrl, paypalScheme } from './schemes/paypal.scheme.js';
import { sendgridScheme } from './schemes/sendgrid.scheme.js';
import { shopifyScheme } from './schemes/shopify.scheme.js';
import { slackScheme } from './schemes/slack.scheme.js';
import { standardWebhooksScheme } from './schemes/standard-webhooks.scheme.js';
import { stripeScheme } from './schemes/stripe.scheme.js';
import { twilioScheme } from './schemes/twilio.scheme.js';
import { previousKeyAuth } from './secret-rotation.js';
import type {
  AuthType,
  TriggerAuthConfig,
  VerificationOptions,
  VerificationRequest,
  VerificationResult,
  VerificationScheme,
} from './types.js';

/** Every auth type has exactly one scheme; a new type fails to compile until it is added here. */
export const verificationSchemes: Readonly<Record<AuthType, VerificationScheme>> = {
  none: noneScheme,
  header: headerScheme,
  basic: basicScheme,
  hmac: hmacScheme,
  github: githubScheme,
  stripe: stripeScheme,
  slack: slackScheme,
  shopify: shopifyScheme,
  twilio: twilioScheme,
  'standard-webhooks': standardWebhooksScheme,
  discord: discordScheme,
  sendgrid: sendgridScheme,
  paypal: paypalScheme,
};

/**
 * Checks one delivery against its trigger's authentication. Pure: the clock comes in
 * `options.now`, signatures are computed over `request.rawBody` exactly as received, and every
 * comparison is constant-time. Fails closed: an unknown type or an unexpected error rejects.
 * During a secret rotation a request the current secret rejects is checked again with the
 * previous one until its end date; the answer then names the current secret's problem.
 */
export function verifyTriggerAuth(
  auth: TriggerAuthConfig,
  request: VerificationRequest,
  options: VerificationOptions,
): VerificationResult {
  const type = auth.type as string;
  if (!Object.hasOwn(verificationSchemes, type)) {
    return fail('unauthorized', `Unknown authentication method "${type}"`);
  }
  const scheme = verificationSchemes[type as AuthType];
  const current = verifyWith(scheme, auth, request, options);
  if (current.ok) return current;
  const previous = previousKeyAuth(auth, options.now);
  if (!previous) return current;
  if (!previous.usable) return { ...current, detail: `${current.detail}; ${previous.why}` };
  const withPrevious = verifyWith(scheme, previous.auth, request, options);
  if (!withPrevious.ok) return current;
  return {
    ok: true,
    detail: `${withPrevious.detail} with the previous secret (accepted until ${previous.until})`,
    withPreviousSecret: true,
  };
}

function verifyWith(
  scheme: VerificationScheme,
  auth: TriggerAuthConfig,
  request: VerificationRequest,
  options: VerificationOptions,
): VerificationResult {
  try {
    return scheme.verify(auth, request, options);
  } catch {
    return fail('unauthorized', 'Signature verification failed unexpectedly');
  }
}

/** Where schemes that need more than the request get it from. */
export interface VerificationSources {
  paypalCertificates: PaypalCertificates;
}

/**
 * {@link verifyTriggerAuth} after fetching what the scheme needs from outside the request:
 * PayPal's certificate, named by the request (and checked against PayPal's host first).
 */
export async function verifyDelivery(
  auth: TriggerAuthConfig,
  request: VerificationRequest,
  now: Date,
  sources: VerificationSources,
): Promise<VerificationResult> {
  const certificateUrl = auth.type === 'paypal' ? paypalCertificateUrl(request) : undefined;
  const certificate = certificateUrl
    ? await sources.paypalCertificates.get(certificateUrl)
    : undefined;
  return verifyTriggerAuth(auth, request, { now, certificate });
}
