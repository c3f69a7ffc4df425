import { telegramBotCredential, telegramMessageNode } from '@hookflow/shared';
import { isRetryableStatus } from '../../engine/http-failure.js';
import { StepFailure } from '../../engine/step-failure.js';
import { implementNode } from '../implement-node.js';
import {
  configFailure,
  httpUrl,
  isRecord,
  parseJson,
  postOutbound,
  type OutboundAnswer,
} from '../outbound-call.js';

const timeoutMs = 30_000;

// What to do about Telegram's usual refusals, by HTTP status.
const hints: Record<number, string> = {
  400: 'check the chat id, and that the bot is in that chat',
  401: 'check the bot token',
  403: 'the bot was blocked, removed from the chat, or may not post there',
};

/**
 * `telegram.message`: the Bot API's `sendMessage`, at `<TELEGRAM_API_URL>/bot<token>/sendMessage`.
 * The token sits in the URL path, so dry runs and failures show the URL without it. Telegram
 * answers `{ ok, result }` or `{ ok: false, error_code, description }`; a 429 carries
 * `parameters.retry_after` (seconds) as the retry delay.
 */
export const telegramMessageHandler = implementNode(telegramMessageNode, {
  credentials: [telegramBotCredential],
  run: async ({ config, credential, step, signal, services }) => {
    if (!credential) throw configFailure('Choose a Telegram bot');
    const chatId = config.chatId.trim();
    if (!chatId) throw configFailure('The chat is empty: enter a chat id or @channelname');
    const apiUrl = services.settings.telegram.apiUrl;
    const url = httpUrl(
      `${apiUrl}/bot${encodeURIComponent(credential.data.token)}/sendMessage`,
      'The Telegram API URL',
    );
    const shownAs = `${apiUrl}/bot***/sendMessage`;
    const payload = {
      chat_id: chatId,
      text: config.text,
      ...(config.parseMode !== 'none' ? { parse_mode: config.parseMode } : {}),
      ...(config.silent ? { disable_notification: true } : {}),
    };

    if (step.dryRun) return { output: { dryRun: true, request: { url: shownAs, payload } } };

    const answer = await postOutbound({
      url,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      timeoutMs,
      signal,
      fetch: services.fetch,
      shownAs,
    });
    return botApiResult(answer);
  },
});

function botApiResult(answer: OutboundAnswer) {
  const body = parseJson(answer.text);
  if (isRecord(body) && body.ok === true && isRecord(body.result)) {
    const message = body.result;
    return {
      output: {
        ok: true,
        messageId: message.message_id,
        chatId: isRecord(message.chat) ? message.chat.id : undefined,
        date: message.date,
      },
    };
  }
  const status = answer.status;
  const description =
    isRecord(body) && typeof body.description === 'string'
      ? body.description
      : answer.text.trim().slice(0, 200) || `HTTP ${status}`;
  const retryAfter =
    isRecord(body) && isRecord(body.parameters) && typeof body.parameters.retry_after === 'number'
      ? body.parameters.retry_after * 1000
      : undefined;
  const hint = hints[status];
  throw new StepFailure(`Telegram refused the message: ${description}${hint ? ` (${hint})` : ''}`, {
    code: 'TELEGRAM',
    retryable: isRetryableStatus(status),
    retryAfterMs: retryAfter,
    details: { status, body: answer.text.slice(0, 500) },
  });
}
