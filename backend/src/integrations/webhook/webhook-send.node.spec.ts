import { Webhook } from 'standardwebhooks';
import { decideRetry, retryPolicyFor } from '../../engine/retry-policy.js';
import { StepFailure } from '../../engine/step-failure.js';
import {
  startRecordingServer,
  useRecordingServer,
  type RecordedRequest,
  type Responder,
} from '../../test-support/recording-server.js';
import { aRunInput, loopbackServices, failureOf } from '../../test-support/node-test-input.js';
import {
  generateWebhookSecret,
  webhookMessageId,
  webhookSendHandler as sut,
} from './webhook-send.node.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhook.send', () => {
  const secret = generateWebhookSecret();
  const receiver = new Webhook(secret);
  const server = useRecordingServer();
  const verified: unknown[] = [];

  // An independent receiver: the standardwebhooks package checks every delivery.
  const verifyingReceiver: Responder = (request, response) => {
    try {
      verified.push(receiver.verify(request.body, request.headers as Record<string, string>));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"received":true}');
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(String(error));
    }
  };

  beforeEach(() => {
    verified.length = 0;
    server.respond = verifyingReceiver;
  });

  const config = (overrides: Record<string, unknown> = {}) => ({
    url: `${server.origin}/hooks/partner`,
    secret,
    eventType: 'order.paid',
    payload: { orderId: 'ord_1042', total: 59.9 },
    ...overrides,
  });
  const run = (
    overrides: Record<string, unknown> = {},
    input: Parameters<typeof aRunInput>[2] = {},
  ) =>
    sut.run(
      aRunInput(sut, config(overrides), {
        services: loopbackServices(['127.0.0.1/32']),
        ...input,
      }),
    );
  const header = (request: RecordedRequest, name: string) => String(request.headers[name]);

  it('sends a delivery the standardwebhooks package verifies', async () => {
    const result = await run();

    expect(verified).toEqual([
      {
        type: 'order.paid',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        data: { orderId: 'ord_1042', total: 59.9 },
      },
    ]);
    const [request] = server.requests;
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': webhookMessageId('exe_1', 'n2'),
      'idempotency-key': 'exe_1:n2',
    });
    expect(header(request, 'webhook-signature')).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(result.output).toEqual({
      status: 200,
      webhookId: webhookMessageId('exe_1', 'n2'),
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: { received: true },
    });
  });

  it('signs with a stored credential', async () => {
    await run(
      { secret: undefined, credentialId: 'c1' },
      { credential: { type: 'hmac.secret', data: { secret } } },
    );

    expect(verified).toHaveLength(1);
  });

  it('keeps the webhook-id across tries, with a fresh timestamp and signature each', async () => {
    server.respond = (request, response) => {
      if (server.requests.length === 1) {
        response.writeHead(503);
        response.end('busy');
      } else verifyingReceiver(request, response);
    };

    const first = await failureOf(run());
    expect(first).toMatchObject({ code: 'HTTP_STATUS', retryable: true });
    // webhook-timestamp has one-second resolution.
    await sleep(1100);
    await run({}, { step: { executionId: 'exe_1', nodeId: 'n2', attempt: 2, dryRun: false } });

    const [a, b] = server.requests;
    expect(header(a, 'webhook-id')).toBe(header(b, 'webhook-id'));
    expect(header(a, 'webhook-timestamp')).not.toBe(header(b, 'webhook-timestamp'));
    expect(header(a, 'webhook-signature')).not.toBe(header(b, 'webhook-signature'));
    // The first try's signature was valid too; it is just older.
    expect(() => receiver.verify(a.body, a.headers as Record<string, string>)).not.toThrow();
    expect(verified).toHaveLength(1);
  });

  it('uses another webhook-id for another step', () => {
    expect(webhookMessageId('exe_1', 'n2')).not.toBe(webhookMessageId('exe_1', 'n3'));
    expect(webhookMessageId('exe_1', 'n2')).toMatch(/^msg_[A-Za-z0-9_-]{27}$/);
  });

  it('stops retrying when the receiver answers 410 Gone', async () => {
    server.respond = (_request, response) => {
      response.writeHead(410);
      response.end();
    };

    const failure = await failureOf(run());

    expect(failure).toMatchObject({ code: 'GONE', retryable: false });
  });

  it('honours Retry-After', async () => {
    server.respond = (_request, response) => {
      response.writeHead(429, { 'retry-after': '120' });
      response.end();
    };

    expect(await failureOf(run())).toMatchObject({ retryable: true, retryAfterMs: 120_000 });
  });

  it('retries when the receiver cannot be reached', async () => {
    const gone = await startRecordingServer();
    const url = `${gone.origin}/hooks/partner`;
    await gone.close();

    const failure = await failureOf(run({ url }));

    expect(failure).toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('refuses a secret that is not a Standard Webhooks secret', async () => {
    const failure = await failureOf(run({ secret: 'hunter2' }));

    expect(failure).toMatchObject({ code: 'CONFIG', retryable: false });
    expect(server.requests).toEqual([]);
  });

  it('describes the delivery in a dry run', async () => {
    const result = await run(
      {},
      { step: { executionId: 'exe_1', nodeId: 'n2', attempt: 1, dryRun: true } },
    );

    expect(result.output).toMatchObject({
      dryRun: true,
      webhookId: webhookMessageId('exe_1', 'n2'),
    });
    expect(JSON.stringify(result.output)).not.toContain(secret);
    expect(server.requests).toEqual([]);
  });

  it("retries on Svix's schedule by default: 8 tries over about a day, ±10 % jitter", () => {
    const policy = retryPolicyFor({}, sut.description.retry);
    const unavailable = new StepFailure('503', { code: 'HTTP_STATUS', retryable: true });
    const waits = [1, 2, 3, 4, 5, 6, 7].map((attempt) => {
      const decision = decideRetry(policy, attempt, unavailable, () => 0.5);
      return decision.retry ? decision.delayMs : undefined;
    });

    expect(waits).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(decideRetry(policy, 2, unavailable, () => 0)).toEqual({ retry: true, delayMs: 270_000 });
    expect(decideRetry(policy, 2, unavailable, () => 1)).toEqual({ retry: true, delayMs: 330_000 });
    expect(decideRetry(policy, 8, unavailable)).toEqual({
      retry: false,
      reason: 'attempts-exhausted',
    });
  });

  it('lets a step replace the default schedule with its own', () => {
    const policy = retryPolicyFor(
      { retry: { backoff: 'schedule', schedule: [100, 200] } },
      sut.description.retry,
    );
    const unavailable = new StepFailure('503', { code: 'HTTP_STATUS', retryable: true });

    expect(decideRetry(policy, 2, unavailable, () => 0.5)).toEqual({ retry: true, delayMs: 200 });
    expect(decideRetry(policy, 3, unavailable).retry).toBe(false);
  });
});
