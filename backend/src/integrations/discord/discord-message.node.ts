import { discordMessageNode, discordWebhookCredential } from '@hookflow/shared';
import { isRetryableStatus, parseRetryAfter } from '../../engine/http-failure.js';
import { StepFailure } from '../../engine/step-failure.js';
import { implementNode } from '../implement-node.js';
import {
  configFailure,
  displayUrl,
  httpUrl,
  isRecord,
  parseJson,
  postOutbound,
  type OutboundAnswer,
} from '../outbound-call.js';

/** Discord refuses longer `content`. */
export const maxDiscordContentLength = 2000;
const timeoutMs = 30_000;

const hints: Record<number, string> = {
  10015: 'the webhook was deleted; create a new one',
  50027: 'the webhook URL’s token is wrong',
  50006: 'the message is empty',
  50035: 'Discord did not accept a field',
  40005: 'the message is too large',
};

/**
 * `discord.message`: POSTs `{content, username}` to a channel webhook (from the
 * credential, or the `webhookUrl` field) with `?wait=true`, so the output is the posted message.
 * A 429 carries Discord's `retry_after` (seconds) as the retry delay.
 */
export const discordMessageHandler = implementNode(discordMessageNode, {
  credentials: [discordWebhookCredential],
  run: async ({ config, credential, step, signal, services }) => {
    const source = credential?.data.url ?? config.webhookUrl;
    if (!source) throw configFailure('Choose a Discord webhook or enter its URL');
    const url = httpUrl(source, 'The Discord webhook URL');
    url.searchParams.set('wait', 'true');

    const content = config.content;
    if ([...content].length > maxDiscordContentLength) {
      throw configFailure(
        `Discord messages hold at most ${maxDiscordContentLength} characters; this one has ${[...content].length}`,
      );
    }
    const username = config.username?.trim();
    const payload = { content, ...(username ? { username } : {}) };

    if (step.dryRun) {
      return { output: { dryRun: true, request: { url: displayUrl(url), payload } } };
    }

    const answer = await postOutbound({
      url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      timeoutMs,
      signal,
      fetch: services.fetch,
    });
    if (answer.status >= 200 && answer.status < 300) {
      const message = parseJson(answer.text);
      return { output: isRecord(message) ? message : { ok: true } };
    }
    throw discordFailure(answer);
  },
});

function discordFailure(answer: OutboundAnswer): StepFailure {
  const { status } = answer;
  const body = parseJson(answer.text);
  const details = { status, body: body ?? answer.text.slice(0, 500) };
  if (status === 429) {
    const seconds = isRecord(body) && typeof body.retry_after === 'number' ? body.retry_after : NaN;
    const retryAfterMs = Number.isFinite(seconds)
      ? Math.ceil(seconds * 1000)
      : parseRetryAfter(answer.headers.get('retry-after') ?? undefined);
    const scope = isRecord(body) && body.global === true ? ' (global limit)' : '';
    return new StepFailure(`Discord is rate limiting this webhook${scope}`, {
      code: 'DISCORD',
      retryable: true,
      retryAfterMs,
      details,
    });
  }
  const code = isRecord(body) && typeof body.code === 'number' ? body.code : undefined;
  const reason = discordReason(body) ?? (answer.text.trim().slice(0, 200) || `HTTP ${status}`);
  const hint = code !== undefined ? hints[code] : undefined;
  return new StepFailure(
    `Discord rejected the message: ${reason}${code !== undefined ? ` (${code}${hint ? `: ${hint}` : ''})` : ''}`,
    {
      code: 'DISCORD',
      retryable: isRetryableStatus(status),
      retryAfterMs: parseRetryAfter(answer.headers.get('retry-after') ?? undefined),
      details,
    },
  );
}

// `{message, code, errors: {content: {_errors: [{code, message}]}}}`: the first field error says most.
function discordReason(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const fieldError = firstFieldError(body.errors, []);
  const message = typeof body.message === 'string' ? body.message : undefined;
  if (fieldError) return `${message ? `${message}: ` : ''}${fieldError}`;
  if (message) return message;
  // Older answers: `{ "content": ["Must be 2000 or fewer in length."] }`.
  const [field, messages] = Object.entries(body).find(([, v]) => Array.isArray(v)) ?? [];
  return field && Array.isArray(messages) ? `${field}: ${String(messages[0])}` : undefined;
}

function firstFieldError(errors: unknown, path: string[]): string | undefined {
  if (!isRecord(errors)) return undefined;
  const own = errors._errors;
  if (Array.isArray(own) && isRecord(own[0]) && typeof own[0].message === 'string') {
    return `${path.join('.') || 'body'} ${own[0].message}`;
  }
  for (const [key, value] of Object.entries(errors)) {
    const found = firstFieldError(value, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
