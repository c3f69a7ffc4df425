import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hmacSecretCredential, webhookSendNode } from '@hookflow/shared';
import { failureFromResponse } from '../../engine/http-failure.js';
import { StepFailure } from '../../engine/step-failure.js';
import { implementNode } from '../implement-node.js';
import { configFailure, displayUrl, httpUrl, parseJson, postOutbound } from '../outbound-call.js';

const timeoutMs = 15_000;
const secretPrefix = 'whsec_';

/** A fresh signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return secretPrefix + randomBytes(32).toString('base64');
}

/** The same on every try of one step, so receivers can de-duplicate by `webhook-id`. */
export function webhookMessageId(executionId: string, nodeId: string): string {
  const digest = createHash('sha256').update(`${executionId}\0${nodeId}`).digest('base64url');
  return `msg_${digest.slice(0, 27)}`;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per the Standard Webhooks spec. */
export function signWebhook(key: Buffer, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/**
 * `webhook.send`: POSTs `{type, timestamp, data}` signed per Standard Webhooks. The
 * `webhook-id` is derived from the execution and node, so every retry carries the same id; the
 * timestamp and signature are fresh per try. 410 Gone stops retrying; Retry-After is honoured.
 */
export const webhookSendHandler = implementNode(webhookSendNode, {
  credentials: [hmacSecretCredential],
  run: async ({ config, credential, step, signal, services }) => {
    const key = signingKey(credential?.data.secret ?? config.secret);
    const url = httpUrl(config.url, 'The webhook URL');
    const id = webhookMessageId(step.executionId, step.nodeId);
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      type: config.eventType,
      timestamp: new Date(timestamp * 1000).toISOString(),
      data: config.payload,
    });
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Hookflow-Webhooks/1',
      'idempotency-key': `${step.executionId}:${step.nodeId}`,
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(key, id, timestamp, body),
    };

    if (step.dryRun) {
      return { output: { dryRun: true, webhookId: id, request: { url: url.href, headers, body } } };
    }

    const answer = await postOutbound({
      url,
      headers,
      body,
      timeoutMs,
      signal,
      fetch: services.fetch,
    });
    const label = { method: 'POST', url: url.href };
    if (answer.status === 410) {
      throw new StepFailure(
        `POST ${displayUrl(url)} answered 410 Gone: the receiver no longer accepts these webhooks`,
        { code: 'GONE', retryable: false, details: { status: 410, body: answer.text } },
      );
    }
    if (answer.status < 200 || answer.status > 299) {
      throw failureFromResponse(answer.status, answer.headers, answer.text, label);
    }
    const headerRecord: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      headerRecord[name] = value;
    });
    return {
      output: {
        status: answer.status,
        webhookId: id,
        headers: headerRecord,
        body: parseJson(answer.text) ?? answer.text,
      },
    };
  },
});

// Standard Webhooks secrets are `whsec_` + base64 of 24–64 random bytes.
function signingKey(secret: string | undefined): Buffer {
  if (!secret) throw configFailure('Choose a signing secret or enter one');
  const encoded = secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret;
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
  if (!key || key.length < 24 || key.length > 64) {
    throw configFailure(
      'The signing secret must be "whsec_" followed by the base64 of 24 to 64 random bytes',
    );
  }
  return key;
}
