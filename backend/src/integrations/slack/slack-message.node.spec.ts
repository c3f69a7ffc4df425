import { jsonReply, textReply, useRecordingServer } from '../../test-support/recording-server.js';
import { aRunInput, loopbackServices, failureOf } from '../../test-support/node-test-input.js';
import { slackMessageHandler as sut } from './slack-message.node.js';

describe('slack.message', () => {
  const server = useRecordingServer();

  const services = () => ({
    ...loopbackServices(['127.0.0.1/32']),
    settings: { slack: { apiUrl: `${server.origin}/api` } },
  });
  const bot = { type: 'slack.bot', data: { token: 'xoxb-test-token' } };
  const webhook = () => ({
    type: 'slack.webhook',
    data: { url: `${server.origin}/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX` },
  });
  const runBot = (config: Record<string, unknown>) =>
    sut.run(
      aRunInput(sut, { credentialId: 'c1', ...config }, { credential: bot, services: services() }),
    );
  const runWebhook = (config: Record<string, unknown>) =>
    sut.run(
      aRunInput(
        sut,
        { credentialId: 'c1', ...config },
        { credential: webhook(), services: services() },
      ),
    );

  describe('with a bot token (chat.postMessage)', () => {
    it('posts text and blocks to the channel with the bearer token', async () => {
      server.respond = jsonReply(200, {
        ok: true,
        channel: 'C0123',
        ts: '1736154000.000200',
        message: {},
      });
      const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Paid*' } }];

      const result = await runBot({ channel: '#general', text: 'Order paid', blocks });

      expect(result.output).toEqual({ ok: true, channel: 'C0123', ts: '1736154000.000200' });
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request).toMatchObject({
        method: 'POST',
        url: '/api/chat.postMessage',
        headers: {
          authorization: 'Bearer xoxb-test-token',
          'content-type': 'application/json; charset=utf-8',
        },
      });
      expect(JSON.parse(request.body)).toEqual({ channel: '#general', text: 'Order paid', blocks });
    });

    it('turns ok:false into a clear, non-retryable failure', async () => {
      server.respond = jsonReply(200, { ok: false, error: 'channel_not_found' });

      const failure = await failureOf(runBot({ channel: '#general', text: 'hi' }));

      expect(failure.message).toBe(
        'Slack rejected the message: channel_not_found (is the bot in #general?)',
      );
      expect(failure).toMatchObject({ code: 'SLACK', retryable: false });
    });

    it('fails invalid_auth for good', async () => {
      server.respond = jsonReply(200, { ok: false, error: 'invalid_auth' });

      const failure = await failureOf(runBot({ channel: '#general', text: 'hi' }));

      expect(failure).toMatchObject({ retryable: false });
      expect(failure.message).toBe(
        'Slack rejected the message: invalid_auth (check the bot token)',
      );
    });

    it.each(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable'])(
      'retries when Slack answers %s',
      async (error) => {
        server.respond = jsonReply(200, { ok: false, error });

        const failure = await failureOf(runBot({ channel: '#general', text: 'hi' }));

        expect(failure).toMatchObject({ code: 'SLACK', retryable: true });
      },
    );

    it('retries a 429 after its Retry-After', async () => {
      server.respond = jsonReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '30' });

      const failure = await failureOf(runBot({ channel: '#general', text: 'hi' }));

      expect(failure).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
    });

    it('needs a channel', async () => {
      const failure = await failureOf(runBot({ text: 'hi' }));

      expect(failure).toMatchObject({ code: 'CONFIG', retryable: false });
      expect(server.requests).toEqual([]);
    });
  });

  describe('with an incoming webhook', () => {
    it('posts text and blocks to the webhook URL', async () => {
      server.respond = textReply(200, 'ok');

      const result = await runWebhook({ text: 'Deployed', blocks: '[{"type":"divider"}]' });

      expect(result.output).toEqual({ ok: true });
      const [request] = server.requests;
      expect(request.url).toBe('/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX');
      expect(request.headers.authorization).toBeUndefined();
      expect(JSON.parse(request.body)).toEqual({ text: 'Deployed', blocks: [{ type: 'divider' }] });
    });

    it.each([
      [403, 'invalid_token', 'the webhook URL is no longer valid'],
      [404, 'no_service', 'the incoming webhook was removed or disabled'],
      [400, 'invalid_payload', undefined],
    ])('fails a %i %s for good', async (status, error, hint) => {
      server.respond = textReply(status, error);

      const failure = await failureOf(runWebhook({ text: 'hi' }));

      expect(failure).toMatchObject({ code: 'SLACK', retryable: false });
      expect(failure.message).toBe(
        `Slack rejected the message: ${error}${hint ? ` (${hint})` : ''}`,
      );
    });

    it('retries a 500 and a 429', async () => {
      server.respond = textReply(500, 'rollup_error');
      expect(await failureOf(runWebhook({ text: 'hi' }))).toMatchObject({ retryable: true });

      server.respond = textReply(429, 'Too Many Requests', { 'retry-after': '2' });
      expect(await failureOf(runWebhook({ text: 'hi' }))).toMatchObject({
        retryable: true,
        retryAfterMs: 2000,
      });
    });
  });

  it('refuses a webhook outside the allowlist before sending', async () => {
    const failure = await failureOf(
      sut.run(
        aRunInput(
          sut,
          { credentialId: 'c1', text: 'hi' },
          { credential: webhook(), services: loopbackServices(['127.0.0.2/32']) },
        ),
      ),
    );

    expect(failure).toMatchObject({ code: 'BLOCKED', retryable: false });
    expect(server.requests).toEqual([]);
  });

  it('describes the message in a dry run without sending it or showing the token', async () => {
    const result = await sut.run(
      aRunInput(
        sut,
        { credentialId: 'c1', channel: '#general', text: 'hi' },
        {
          credential: bot,
          services: services(),
          step: { executionId: 'exe_1', nodeId: 'n2', attempt: 1, dryRun: true },
        },
      ),
    );

    expect(result.output).toEqual({
      dryRun: true,
      request: {
        via: 'slack.bot',
        url: `${server.origin}/api/chat.postMessage`,
        payload: { channel: '#general', text: 'hi' },
      },
    });
    expect(JSON.stringify(result.output)).not.toContain('xoxb');
    expect(server.requests).toEqual([]);
  });
});
