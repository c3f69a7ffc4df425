import { mediaType } from './crypto-utils.js';
import type { AuthType } from './types.js';

/** A reply the ingress sends itself instead of starting a run. */
export interface HandshakeResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * The answer to a provider's URL handshake, or undefined when the delivery is an ordinary event.
 * Slack Events API `{"type":"url_verification","challenge":"…"}` → 200 text/plain with the
 * challenge; Discord interactions PING `{"type":1}` → 200 `{"type":1}`. Call it only after
 * `verifyTriggerAuth` succeeded (both sign the handshake like any other request), so nobody can
 * make the trigger URL echo arbitrary text.
 */
export function handshakeResponse(
  authType: AuthType,
  rawBody: Buffer,
  contentType: string | undefined,
): HandshakeResponse | undefined {
  switch (authType) {
    case 'slack':
      return slackUrlVerification(rawBody, contentType);
    case 'discord':
      return discordPing(rawBody, contentType);
    case 'none':
    case 'header':
    case 'basic':
    case 'hmac':
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
