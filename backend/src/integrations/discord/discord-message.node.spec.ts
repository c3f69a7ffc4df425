import { jsonReply, useRecordingServer } from '../../test-support/recording-server.js';
import { discordMessageHandler as sut, maxDiscordContentLength } from './discord-message.node.js';
import { aRunInput, loopbackServices, failureOf } from '../../test-support/node-test-input.js';

const token = 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789_token';

describe('discord.message', () => {
  const server = useRecordingServer();
  const hookPath = `/api/webhooks/1187654321/${token}`;

  beforeEach(() => {
    server.respond = jsonReply(200, {
      id: '1325923470123456789',
      channel_id: '1187',
      content: 'Paid',
    });
  });

  const credential = () => ({
    type: 'discord.webhook',
    data: { url: `${server.origin}${hookPath}` },
  });
  const run = (config: Record<string, unknown>, withCredential = true) =>
    sut.run(
      aRunInput(sut, config, {
        credential: withCredential ? credential() : undefined,
        services: loopbackServices(['127.0.0.1/32']),
      }),
    );

  it('posts content and username with ?wait=true and returns the message', async () => {
    const result = await run({ credentialId: 'c1', content: 'Paid', username: 'Hookflow' });

    expect(result.output).toEqual({
      id: '1325923470123456789',
      channel_id: '1187',
      content: 'Paid',
    });
    const [request] = server.requests;
    expect(request).toMatchObject({
      method: 'POST',
      url: `${hookPath}?wait=true`,
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(request.body)).toEqual({ content: 'Paid', username: 'Hookflow' });
  });

  it('takes the webhook URL from the config, keeping its query', async () => {
    await run({ webhookUrl: `${server.origin}${hookPath}?thread_id=42`, content: 'Paid' }, false);

    expect(server.requests[0].url).toBe(`${hookPath}?thread_id=42&wait=true`);
    expect(JSON.parse(server.requests[0].body)).toEqual({ content: 'Paid' });
  });

  it('waits as long as a 429 retry_after says', async () => {
    server.respond = jsonReply(429, {
      message: 'You are being rate limited.',
      retry_after: 1.337,
      global: false,
    });

    const failure = await failureOf(run({ credentialId: 'c1', content: 'hi' }));

    expect(failure).toMatchObject({ code: 'DISCORD', retryable: true, retryAfterMs: 1337 });
    expect(failure.message).toBe('Discord is rate limiting this webhook');
  });

  it('fails an unknown webhook for good, with Discord’s reason', async () => {
    server.respond = jsonReply(404, { message: 'Unknown Webhook', code: 10015 });

    const failure = await failureOf(run({ credentialId: 'c1', content: 'hi' }));

    expect(failure).toMatchObject({ code: 'DISCORD', retryable: false });
    expect(failure.message).toBe(
      'Discord rejected the message: Unknown Webhook (10015: the webhook was deleted; create a new one)',
    );
    expect(failure.message).not.toContain(token);
  });

  it('names the field of an invalid form body', async () => {
    server.respond = jsonReply(400, {
      message: 'Invalid Form Body',
      code: 50035,
      errors: {
        username: {
          _errors: [{ code: 'USERNAME_INVALID', message: 'Username cannot contain "discord"' }],
        },
      },
    });

    const failure = await failureOf(
      run({ credentialId: 'c1', content: 'hi', username: 'discord' }),
    );

    expect(failure.message).toBe(
      'Discord rejected the message: Invalid Form Body: username Username cannot contain "discord" (50035: Discord did not accept a field)',
    );
    expect(failure.retryable).toBe(false);
  });

  it('retries a 502', async () => {
    server.respond = jsonReply(502, { message: 'Bad Gateway' });

    const failure = await failureOf(run({ credentialId: 'c1', content: 'hi' }));

    expect(failure).toMatchObject({ retryable: true });
  });

  it('refuses content over the limit before sending', async () => {
    const failure = await failureOf(
      run({ credentialId: 'c1', content: 'x'.repeat(maxDiscordContentLength + 1) }),
    );

    expect(failure).toMatchObject({ code: 'CONFIG', retryable: false });
    expect(server.requests).toEqual([]);
  });

  it('refuses a destination outside the allowlist', async () => {
    const failure = await failureOf(
      sut.run(
        aRunInput(
          sut,
          { credentialId: 'c1', content: 'hi' },
          { credential: credential(), services: loopbackServices(['127.0.0.2/32']) },
        ),
      ),
    );

    expect(failure).toMatchObject({ code: 'BLOCKED', retryable: false });
    expect(server.requests).toEqual([]);
  });

  it('describes the message in a dry run without the token', async () => {
    const result = await sut.run(
      aRunInput(
        sut,
        { credentialId: 'c1', content: 'hi' },
        {
          credential: credential(),
          step: { executionId: 'exe_1', nodeId: 'n2', attempt: 1, dryRun: true },
        },
      ),
    );

    expect(result.output).toEqual({
      dryRun: true,
      request: { url: `${server.origin}/api/webhooks/1187654321/…`, payload: { content: 'hi' } },
    });
    expect(server.requests).toEqual([]);
  });
});
