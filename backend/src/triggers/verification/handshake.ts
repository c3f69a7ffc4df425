import { hmac, mediaType } from './crypto-utils.js';
import type { TriggerAuthConfig } from './types.js';

/** A reply the ingress sends itself instead of starting a run. */
export interface HandshakeResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * The answer to a provider's URL handshake, or undefined when the delivery is an ordinary event.
 * Slack Events API `{"type":"url_verification","challenge":"…"}` → 200 text/plain with the
 * challenge; Discord interactions PING `{"type":1}` → 200 `{"type":1}`; with an hmac trigger set
 * to answer Zoom, `{"event":"endpoint.url_validation","payload":{"plainToken":"…"}}` → 200
 * `{"plainToken","encryptedToken"}` (hex HMAC-SHA256 of the token under `signingSecret`, the
 * secret that verified the request). Call it only after `verifyTriggerAuth` succeeded (all of
 * them sign the handshake like any other request), so nobody can make the trigger URL echo
 * arbitrary text.
 */
export function handshakeResponse(
  auth: Pick<TriggerAuthConfig, 'type' | 'handshake'>,
  rawBody: Buffer,
  contentType: string | undefined,
  signingSecret?: string,
): HandshakeResponse | undefined {
  switch (auth.type) {
    case 'slack':
      return slackUrlVerification(rawBody, contentType);
    case 'discord':
      return discordPing(rawBody, contentType);
    case 'hmac':
      return auth.handshake === 'zoom' && signingSecret
        ? zoomUrlValidation(rawBody, contentType, signingSecret)
        : undefined;
    case 'none':
    case 'header':
    case 'basic':
    case 'github':
    case 'stripe':
    case 'shopify':
    case 'twilio':
    case 'standard-webhooks':
    case 'sendgrid':
    case 'paypal':
      return undefined;
  }
}

/** The JSON object body of a JSON (or untyped) request, else undefined. */
function jsonObject(rawBody: Buffer, contentType: string | undefined): object | undefined {
  const type = mediaType(contentType);
  if (type !== '' && type !== 'application/json') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
  return typeof body === 'object' && body !== null ? body : undefined;
}

function discordPing(
  rawBody: Buffer,
  contentType: string | undefined,
): HandshakeResponse | undefined {
  const body = jsonObject(rawBody, contentType) as { type?: unknown } | undefined;
  if (body?.type !== 1) return undefined;
  return { status: 200, contentType: 'application/json', body: '{"type":1}' };
}

function slackUrlVerification(
  rawBody: Buffer,
  contentType: string | undefined,
): HandshakeResponse | undefined {
  const body = jsonObject(rawBody, contentType);
  if (!body) return undefined;
  const { type: eventType, challenge } = body as { type?: unknown; challenge?: unknown };
  if (eventType !== 'url_verification' || typeof challenge !== 'string') return undefined;
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: challenge };
}

function zoomUrlValidation(
  rawBody: Buffer,
  contentType: string | undefined,
  secret: string,
): HandshakeResponse | undefined {
  const body = jsonObject(rawBody, contentType) as
    { event?: unknown; payload?: { plainToken?: unknown } } | undefined;
  const plainToken = body?.payload?.plainToken;
  if (body?.event !== 'endpoint.url_validation' || typeof plainToken !== 'string') return undefined;
  const encryptedToken = hmac('sha256', secret, plainToken).toString('hex');
  return {
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ plainToken, encryptedToken }),
  };
}
