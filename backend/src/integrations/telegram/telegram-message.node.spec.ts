import { aRunInput, loopbackServices, failureOf } from '../../test-support/node-test-input.js';
import {
  jsonReply,
  startRecordingServer,
  useRecordingServer,
} from '../../test-support/recording-server.js';
import { telegramMessageHandler as sut } from './telegram-message.node.js';

const token = '123456789:AAtest-token';
const bot = { type: 'telegram.bot', data: { token } };

describe('telegram.message', () => {
  const server = useRecordingServer();

  const services = () => ({
    ...loopbackServices(['127.0.0.1/32']),
    settings: { telegram: { apiUrl: `${server.origin}/tg` } },
  });
  const run = (config: Record<string, unknown>, dryRun = false) =>
    sut.run(
      aRunInput(
        sut,
        { credentialId: 'c1', chatId: '@deploys', text: 'Order paid', ...config },
        {
          credential: bot,
          services: services(),
          step: { executionId: 'exe_1', nodeId: 'n2', attempt: 1, dryRun },
        },
      ),
    );

  it('sends the message to the chat through the bot’s sendMessage', async () => {
    server.respond = jsonReply(200, {
      ok: true,
      result: { message_id: 42, chat: { id: -1001234567890 }, date: 1736154000, text: 'x' },
    });

    const result = await run({ parseMode: 'HTML', silent: true });

    expect(result.output).toEqual({
      ok: true,
      messageId: 42,
      chatId: -1001234567890,
      date: 1736154000,
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({
      method: 'POST',
      url: `/tg/bot${encodeURIComponent(token)}/sendMessage`,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(JSON.parse(request.body)).toEqual({
      chat_id: '@deploys',
      text: 'Order paid',
      parse_mode: 'HTML',
      disable_notification: true,
    });
  });

  it('sends plain text without formatting fields by default', async () => {
    server.respond = jsonReply(200, {
      ok: true,
      result: { message_id: 1, chat: { id: 7 }, date: 1 },
    });

    await run({});

    expect(JSON.parse(server.requests[0].body)).toEqual({
      chat_id: '@deploys',
      text: 'Order paid',
    });
  });

  it('names Telegram’s refusal, with a hint, and does not retry it', async () => {
    server.respond = jsonReply(400, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: chat not found',
    });

    const failure = await failureOf(run({}));

    expect(failure.message).toBe(
      'Telegram refused the message: Bad Request: chat not found ' +
        '(check the chat id, and that the bot is in that chat)',
    );
    expect(failure).toMatchObject({ code: 'TELEGRAM', retryable: false });
  });

  it('retries a 429 after Telegram’s retry_after', async () => {
    server.respond = jsonReply(429, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });

    const failure = await failureOf(run({}));

    expect(failure).toMatchObject({ code: 'TELEGRAM', retryable: true, retryAfterMs: 7000 });
  });

  it('keeps the token out of a network failure', async () => {
    const closed = await startRecordingServer(jsonReply(200, {}));
    await closed.close();

    const failure = await failureOf(
      sut.run(
        aRunInput(
          sut,
          { credentialId: 'c1', chatId: '42', text: 'hi' },
          {
            credential: bot,
            services: { ...services(), settings: { telegram: { apiUrl: closed.origin } } },
          },
        ),
      ),
    );

    expect(failure).toMatchObject({ code: 'NETWORK', retryable: true });
    expect(failure.message).toContain(`${closed.origin}/bot***/sendMessage`);
    expect(JSON.stringify(failure)).not.toContain('AAtest');
  });

  it('describes the message in a dry run without sending it or showing the token', async () => {
    const result = await run({}, true);

    expect(result.output).toEqual({
      dryRun: true,
      request: {
        url: `${server.origin}/tg/bot***/sendMessage`,
        payload: { chat_id: '@deploys', text: 'Order paid' },
      },
    });
    expect(JSON.stringify(result.output)).not.toContain('AAtest');
    expect(server.requests).toEqual([]);
  });
});
