import { fail } from './crypto-utils.js';
import { basicScheme } from './schemes/basic.scheme.js';
import { githubScheme } from './schemes/github.scheme.js';
import { headerScheme } from './schemes/header.scheme.js';
import { hmacScheme } from './schemes/hmac.scheme.js';
import { noneScheme } from './schemes/none.scheme.js';
import { shopifyScheme } from './schemes/shopify.scheme.js';
import { slackScheme } from './schemes/slack.scheme.js';
import { standardWebhooksScheme } from './schemes/standard-webhooks.scheme.js';
import { stripeScheme } from './schemes/stripe.scheme.js';
import { twilioScheme } from './schemes/twilio.scheme.js';
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
};

/**
 * Checks one delivery against its trigger's authentication. Pure: the clock comes in
 * `options.now`, signatures are computed over `request.rawBody` exactly as received, and every
 * comparison is constant-time. Fails closed: an unknown type or an unexpected error rejects.
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
  try {
    return scheme.verify(auth, request, options);
  } catch {
    return fail('unauthorized', 'Signature verification failed unexpectedly');
  }
}
