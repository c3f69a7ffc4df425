import type { FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

type TriggerConfig = Record<string, unknown>;

const flowWith = (
  trigger: TriggerConfig,
  rest: FlowDefinition['nodes'] = [],
  edges: FlowDefinition['edges'] = [],
): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'Hook',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth: { type: 'none' }, ...trigger },
    },
    ...rest,
  ],
  edges,
});

describe.each(testEnvironments())('Trigger URL rules ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;

  /** Creates and publishes a flow; returns its id, production and test URLs. */
  const publish = async (definition: FlowDefinition) => {
    const { flowId, hookUrl, testHookUrl } = await app.publishFlow(
      token,
      teamId,
      'Rules',
      definition,
    );
    return { id: flowId, url: hookUrl, testUrl: testHookUrl };
  };
  const lastDelivery = async (flowId: string) =>
    (await app.request('GET', `/api/teams/${teamId}/flows/${flowId}/deliveries`, { token })).body
      .items[0];
  const post = (
    url: string,
    body: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) => fetch(url, { method: 'POST', body, headers });

  beforeAll(async () => {
    app = await startTestApp(environment);
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Rules'));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers 404 without detail for an unknown key', async () => {
    const response = await post(`${app.url}/hooks/not-a-real-key`, '{}');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Not Found',
    });
  });

  it('answers 405 with Allow for a method the trigger does not accept, and records why', async () => {
    const flow = await publish(flowWith({ methods: ['PUT'] }));
    const response = await post(flow.url, '{}');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('PUT');
    expect(await lastDelivery(flow.id)).toMatchObject({
      outcome: 'rejected',
      reason: 'method_not_allowed',
    });
    expect(
      (
        await fetch(flow.url, {
          method: 'PUT',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(202);
  });

  it('answers 413 for a body over the maximum, and 400 naming the problem for malformed JSON', async () => {
    const flow = await publish(flowWith({ maxBodyBytes: 100 }));
    const big = await post(flow.url, JSON.stringify({ padding: 'x'.repeat(200) }));
    expect(big.status).toBe(413);
    expect(await lastDelivery(flow.id)).toMatchObject({ outcome: 'rejected', reason: 'too_large' });
    const malformed = await post(flow.url, '{"order": 42,');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toMatch(
      /^Malformed JSON body: /,
    );
    expect(await lastDelivery(flow.id)).toMatchObject({
      outcome: 'rejected',
      reason: 'malformed_body',
    });
  });

  it('keeps any content type and the raw bytes exactly', async () => {
    const flow = await publish(flowWith({}));
    const form = await post(flow.url, 'a=1&b=two&b=three', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(202);
    const { executionId } = (await form.json()) as { executionId: string };
    await waitFor(
      async () =>
        (await app.request('GET', `/api/teams/${teamId}/executions/${executionId}`, { token })).body
          .status === 'succeeded',
      20_000,
    );
    const run = (
      await app.request('GET', `/api/teams/${teamId}/executions/${executionId}`, { token })
    ).body;
    expect(run.trigger.body).toEqual({ a: '1', b: ['two', 'three'] });
    expect(run.trigger.rawBody).toBe('a=1&b=two&b=three');
    const binary = Buffer.from([0, 1, 2, 250, 255]);
    const raw = await fetch(flow.url, {
      method: 'POST',
      body: binary,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(raw.status).toBe(202);
    // The list has a preview; the detail route has the exact bytes.
    const { id } = await lastDelivery(flow.id);
    const detail = await app.request(
      'GET',
      `/api/teams/${teamId}/flows/${flow.id}/deliveries/${id}`,
      {
        token,
      },
    );
    expect(Buffer.from(detail.body.rawBodyBase64, 'base64').equals(binary)).toBe(true);
  });

  it('answers 429 with Retry-After past the per-minute limit', async () => {
    const flow = await publish(flowWith({ rateLimit: { perMinute: 2 } }));
    expect((await post(flow.url, '{}')).status).toBe(202);
    expect((await post(flow.url, '{}')).status).toBe(202);
    const limited = await post(flow.url, '{}');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await lastDelivery(flow.id)).toMatchObject({
      outcome: 'rejected',
      reason: 'rate_limited',
    });
  });

  it('refuses callers outside the IP allowlist', async () => {
    const outside = await publish(flowWith({ allowIps: ['10.0.0.0/8'] }));
    expect((await post(outside.url, '{}')).status).toBe(403);
    expect(await lastDelivery(outside.id)).toMatchObject({
      outcome: 'rejected',
      reason: 'ip_not_allowed',
    });
    const inside = await publish(flowWith({ allowIps: ['127.0.0.0/8', '::1/128'] }));
    expect((await post(inside.url, '{}')).status).toBe(202);
  });

  it('answers 401 for a wrong header token and 503 once the flow is disabled', async () => {
    const flow = await publish(
      flowWith({ auth: { type: 'header', header: 'X-Token', value: 'let-me-in' } }),
    );
    expect(
      (await post(flow.url, '{}', { 'content-type': 'application/json', 'x-token': 'guess' }))
        .status,
    ).toBe(401);
    expect(await lastDelivery(flow.id)).toMatchObject({
      outcome: 'rejected',
      reason: 'unauthorized',
    });
    expect(
      (await post(flow.url, '{}', { 'content-type': 'application/json', 'x-token': 'let-me-in' }))
        .status,
    ).toBe(202);
    // the token never reaches stored headers
    expect((await lastDelivery(flow.id)).headers['x-token']).toBe('[redacted]');
    await app.request('POST', `/api/teams/${teamId}/flows/${flow.id}/disable`, { token });
    expect(
      (await post(flow.url, '{}', { 'content-type': 'application/json', 'x-token': 'let-me-in' }))
        .status,
    ).toBe(503);
    expect(await lastDelivery(flow.id)).toMatchObject({
      outcome: 'rejected',
      reason: 'flow_disabled',
    });
  });

  it('records a request to a flow that cannot run yet, with the reason', async () => {
    const created = await app.request('POST', `/api/teams/${teamId}/flows`, {
      token,
      body: { name: 'Not yet', definition: flowWith({}) },
    });
    expect(created.status).toBe(201);
    const answer = await post(created.body.webhookUrl, '{"early":true}');
    expect(answer.status).toBe(409);
    expect(await lastDelivery(created.body.id)).toMatchObject({
      outcome: 'rejected',
      reason: 'flow_unpublished',
    });
  });

  it('runs the draft on the test URL and the published version on the production URL', async () => {
    const flow = await publish(
      flowWith(
        { response: { mode: 'sync', timeoutMs: 5000 } },
        [
          {
            id: 'reply',
            type: 'webhook.respond',
            name: 'Reply',
            position: { x: 0, y: 100 },
            config: { status: 201, body: { version: 'one' } },
          },
        ],
        [{ id: 'e1', source: 'hook', target: 'reply' }],
      ),
    );
    const draft = flowWith(
      { response: { mode: 'sync', timeoutMs: 5000 } },
      [
        {
          id: 'reply',
          type: 'webhook.respond',
          name: 'Reply',
          position: { x: 0, y: 100 },
          config: { status: 200, body: { version: 'draft', echo: '{{ trigger.body.name }}' } },
        },
      ],
      [{ id: 'e1', source: 'hook', target: 'reply' }],
    );
    await app.request('PATCH', `/api/teams/${teamId}/flows/${flow.id}`, {
      token,
      body: { definition: draft },
    });
    const production = await post(flow.url, '{"name":"ada"}');
    expect(production.status).toBe(201);
    expect(await production.json()).toEqual({ version: 'one' });
    const test = await post(flow.testUrl, '{"name":"ada"}');
    expect(test.status).toBe(200);
    expect(await test.json()).toEqual({ version: 'draft', echo: 'ada' });
  });

  it('answers 202 with a status URL when a sync run outlasts its timeout', async () => {
    const flow = await publish(
      flowWith(
        { response: { mode: 'sync', timeoutMs: 300 } },
        [
          {
            id: 'wait',
            type: 'flow.delay',
            name: 'Wait',
            position: { x: 0, y: 100 },
            config: { ms: 2000 },
          },
        ],
        [{ id: 'e1', source: 'hook', target: 'wait' }],
      ),
    );
    const response = await post(flow.url, '{}');
    expect(response.status).toBe(202);
    const body = (await response.json()) as { statusUrl: string; executionId: string };
    expect(body.statusUrl).toContain(`/api/teams/${teamId}/executions/${body.executionId}`);
    // the delay does not hold a worker: the run waits, then finishes
    await waitFor(
      async () =>
        (await app.request('GET', `/api/teams/${teamId}/executions/${body.executionId}`, { token }))
          .body.status === 'waiting',
      5000,
      'the run to wait',
    );
    await waitFor(
      async () =>
        (await app.request('GET', `/api/teams/${teamId}/executions/${body.executionId}`, { token }))
          .body.status === 'succeeded',
      20_000,
      'the run to finish',
    );
  });
});
