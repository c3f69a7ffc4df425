import { slackBotCredential, slackMessageNode, slackWebhookCredential } from '@hookflow/shared';
import { parseRetryAfter } from '../../engine/http-failure.js';
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

const timeoutMs = 30_000;

// Slack error codes worth trying again (Web API `error`, or an incoming webhook's text answer).
const retryableErrors = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'rollup_error',
]);

const hints: Record<string, (channel: string) => string> = {
  channel_not_found: (channel) => `is the bot in ${channel}?`,
  not_in_channel: (channel) => `invite the bot to ${channel}`,
  is_archived: (channel) => `${channel} is archived`,
  channel_is_archived: () => 'the channel is archived',
  invalid_auth: () => 'check the bot token',
  not_authed: () => 'check the bot token',
  token_revoked: () => 'the token was revoked; reconnect Slack',
  token_expired: () => 'the token expired; reconnect Slack',
  account_inactive: () => 'the bot or its workspace was deactivated',
  missing_scope: () => 'the bot needs the chat:write scope',
  invalid_token: () => 'the webhook URL is no longer valid',
  no_service: () => 'the incoming webhook was removed or disabled',
  action_prohibited: () => 'a workspace admin restricted this webhook',
  no_text: () => 'the message needs text',
  invalid_blocks: () => 'check the Block Kit JSON',
  invalid_blocks_format: () => 'blocks must be a list of Block Kit blocks',
  msg_too_long: () => 'the text is too long',
  ratelimited: () => 'Slack asked to slow down',
};

/**
 * `slack.message`: an incoming webhook (posts `{text, blocks}` to its own channel) or
 * a bot token with `chat.postMessage` (to `channel`). Slack's refusals become StepFailures that
 * name Slack's error code, retryable where Slack says so (429, 5xx, `ratelimited`,
 * `internal_error`, …). The Web API base is the `SLACK_API_URL` setting, so tests can use a stand-in.
 */
export const slackMessageHandler = implementNode(slackMessageNode, {
  credentials: [slackWebhookCredential, slackBotCredential],
  run: async ({ config, credential, step, signal, services }) => {
    if (!credential) throw configFailure('Choose a Slack connection');
    const blocks = checkedBlocks(config.blocks);
    const channel = config.channel?.trim() ?? '';

    const bot = credential.type === 'slack.bot';
    if (bot && !channel) throw configFailure('A bot token needs a channel, e.g. #general');
    const url = bot
      ? httpUrl(`${services.settings.slack.apiUrl}/chat.postMessage`, 'The Slack API URL')
      : httpUrl(credential.data.url, 'The incoming-webhook URL');
    const payload = {
      ...(bot ? { channel } : {}),
      text: config.text,
      ...(blocks ? { blocks } : {}),
    };
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (bot) headers.authorization = `Bearer ${credential.data.token}`;

    if (step.dryRun) {
      return {
        output: { dryRun: true, request: { via: credential.type, url: displayUrl(url), payload } },
      };
    }

    const answer = await postOutbound({
      url,
      headers,
      body: JSON.stringify(payload),
      timeoutMs,
      signal,
      fetch: services.fetch,
    });
    return bot ? webApiResult(answer, channel) : webhookResult(answer);
  },
});

function checkedBlocks(blocks: unknown): unknown[] | undefined {
  if (blocks === undefined || blocks === null || blocks === '') return undefined;
  const parsed = typeof blocks === 'string' ? parseJson(blocks) : blocks;
  if (Array.isArray(parsed)) return parsed;
  // Block Kit Builder exports `{ "blocks": [...] }`; take that as well.
  if (isRecord(parsed) && Array.isArray(parsed.blocks)) return parsed.blocks;
  throw configFailure('Blocks must be a JSON list of Block Kit blocks');
}

// chat.postMessage answers 200 with `{ ok: false, error }` for most refusals.
function webApiResult(answer: OutboundAnswer, channel: string) {
  const body = parseJson(answer.text);
  const error = isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
  if (answer.status >= 200 && answer.status < 300 && isRecord(body) && body.ok === true) {
    return {
      output: {
        ok: true,
        channel: body.channel,
        ts: body.ts,
        ...(Array.isArray(body.warnings) || typeof body.warning === 'string'
          ? { warning: body.warning ?? body.warnings }
          : {}),
      },
    };
  }
  throw slackFailure(answer, error, channel);
}

// Incoming webhooks answer 200 "ok", or a 4xx/5xx with the error code as plain text.
function webhookResult(answer: OutboundAnswer) {
  if (answer.status >= 200 && answer.status < 300) return { output: { ok: true } };
  const text = answer.text.trim();
  throw slackFailure(answer, /^[a-z_]+$/.test(text) ? text : undefined, 'the channel');
}

function slackFailure(answer: OutboundAnswer, error: string | undefined, channel: string) {
  const status = answer.status;
  const retryable =
    status === 429 || status >= 500 || (error !== undefined && retryableErrors.has(error));
  const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after') ?? undefined);
  const details = { status, error, body: answer.text.slice(0, 500) };
  if (error) {
    const hint = hints[error]?.(channel);
    return new StepFailure(`Slack rejected the message: ${error}${hint ? ` (${hint})` : ''}`, {
      code: 'SLACK',
      retryable,
      retryAfterMs,
      details,
    });
  }
  const what =
    status === 429
      ? 'Slack is rate limiting this app (429)'
      : `Slack answered ${status}${answer.text ? `: ${answer.text.trim().slice(0, 200)}` : ''}`;
  return new StepFailure(what, { code: 'SLACK', retryable, retryAfterMs, details });
}
