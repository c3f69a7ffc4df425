import type { FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const trigger = (auth: Record<string, unknown> = { type: 'none' }) => ({
  id: 'hook',
  type: 'trigger.webhook',
  name: 'Incoming order',
  position: { x: 0, y: 0 },
  config: { methods: ['POST'], auth },
});

/** webhook → HTTP POST with no URL: "Create order" has an issue (url is required). */
const invalidDraft: FlowDefinition = {
  schemaVersion: 1,
  nodes: [
    trigger(),
    {
      id: 'n2',
      type: 'http.request',
      name: 'Create order',
      position: { x: 200, y: 0 },
      config: { method: 'POST', url: '', body: { order: '{{ trigger.body.order }}' } },
    },
  ],
  edges: [{ id: 'e1', source: 'hook', target: 'n2' }],
};

/** A trigger alone: valid, and its runs finish at once with nothing sent anywhere. */
const validFlow = (auth?: Record<string, unknown>): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [trigger(auth)],
  edges: [],
});

describe.each(testEnvironments())('Guarded trigger URLs and runs ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;

  const flowsUrl = () => `/api/teams/${teamId}/flows`;
  const createDraft = async (definition: FlowDefinition) => {
    const created = await app.request('POST', flowsUrl(), {
      token,
      body: { name: 'Orders', definition },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; testWebhookUrl: string; webhookUrl: string };
  };
  const deliveries = async (flowId: string) =>
    (await app.request('GET', `${flowsUrl()}/${flowId}/deliveries`, { token })).body.items;
  const runs = async (flowId: string) =>
    (await app.request('GET', `/api/teams/${teamId}/executions?flowId=${flowId}`, { token })).body
      .items;
  const post = (url: string, body = '{"order":7}') =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

  beforeAll(async () => {
    app = await startTestApp(environment);
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Guard'));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('refuses a test-URL call to a draft with issues, naming the node and field, and records why', async () => {
    const flow = await createDraft(invalidDraft);

    const answer = await post(flow.testWebhookUrl);

    expect(answer.status).toBe(409);
    const message =
      'The draft cannot run until its issues are fixed in the editor: Node "Create order" (n2): field "url" is required';
    expect(await answer.json()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message,
      issues: [
        {
          nodeId: 'n2',
          field: 'url',
          message: 'Node "Create order" (n2): field "url" is required',
          text: '“URL” is required',
        },
      ],
    });
    const [delivery] = await deliveries(flow.id);
    expect(delivery).toMatchObject({
      mode: 'test',
      outcome: 'rejected',
      reason: 'draft_invalid',
      verification: message,
      executionId: null,
    });
    expect(await runs(flow.id)).toEqual([]);

    // Fixed in the editor: the same call runs (the cached refusal is dropped on save).
    const fixed = await app.request('PATCH', `${flowsUrl()}/${flow.id}`, {
      token,
      body: { definition: validFlow() },
    });
    expect(fixed.status).toBe(200);
    expect((await post(flow.testWebhookUrl)).status).toBe(202);
  });

  it('names the trigger field when the webhook settings themselves are incomplete', async () => {
    const flow = await createDraft(validFlow({ type: 'header', header: 'X-Key' }));

    const answer = await post(flow.testWebhookUrl);

    expect(answer.status).toBe(409);
    const body = (await answer.json()) as { message: string; issues: unknown[] };
    expect(body.message).toBe(
      `The draft's webhook trigger settings are incomplete; fix them in the editor: Node "Incoming order" (hook): field "auth.value" is required`,
    );
    expect(body.issues).toEqual([expect.objectContaining({ nodeId: 'hook', field: 'auth.value' })]);
    expect((await deliveries(flow.id))[0]).toMatchObject({ reason: 'trigger_misconfigured' });
  });

  it("refuses the Run button's draft run with the issues, and still runs a valid draft", async () => {
    const flow = await createDraft(invalidDraft);

    const refused = await app.request('POST', `${flowsUrl()}/${flow.id}/run`, {
      token,
      body: { payload: { order: 7 }, dryRun: true },
    });

    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'The draft cannot run until its issues are fixed in the editor: Node "Create order" (n2): field "url" is required',
    );
    expect(refused.body.issues).toEqual([expect.objectContaining({ nodeId: 'n2', field: 'url' })]);
    expect(await runs(flow.id)).toEqual([]);

    await app.request('PATCH', `${flowsUrl()}/${flow.id}`, {
      token,
      body: { definition: validFlow() },
    });
    const ran = await app.request('POST', `${flowsUrl()}/${flow.id}/run`, {
      token,
      body: { payload: { order: 7 }, dryRun: true },
    });
    expect(ran.status).toBe(202);
  });

  it('refuses a replay into a draft with issues (even a forced one), and still replays into published', async () => {
    const { flowId, testHookUrl } = await app.publishFlow(token, teamId, 'Replayed', validFlow());
    expect((await post(testHookUrl)).status).toBe(202);
    const [delivery] = await deliveries(flowId);
    const broken = await app.request('PATCH', `${flowsUrl()}/${flowId}`, {
      token,
      body: { definition: invalidDraft },
    });
    expect(broken.status).toBe(200);
    const replayUrl = `${flowsUrl()}/${flowId}/deliveries/${delivery.id as string}/replay`;
    const runsBefore = (await runs(flowId)).length;

    for (const body of [{}, { target: 'draft', dryRun: true, force: true }]) {
      const refused = await app.request('POST', replayUrl, { token, body });
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message:
          'The draft cannot run until its issues are fixed in the editor: Node "Create order" (n2): field "url" is required',
        issues: [expect.objectContaining({ nodeId: 'n2', field: 'url' })],
      });
    }
    expect(await runs(flowId)).toHaveLength(runsBefore);

    // The published version is valid: replaying into it still runs.
    const published = await app.request('POST', replayUrl, {
      token,
      body: { target: 'published' },
    });
    expect(published.status).toBe(202);
  });

  it('answers 503 with Retry-After for a disabled flow (not 410, which tells senders to give up)', async () => {
    const { flowId, hookUrl } = await app.publishFlow(token, teamId, 'Paused orders', validFlow());
    expect((await app.request('POST', `${flowsUrl()}/${flowId}/disable`, { token })).status).toBe(
      200,
    );

    const answer = await post(hookUrl);

    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('300');
    expect(await answer.json()).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'This flow is disabled; retry later',
    });
    expect((await deliveries(flowId))[0]).toMatchObject({
      outcome: 'rejected',
      reason: 'flow_disabled',
    });

    // Enabled again: the sender's retry goes through.
    await app.request('POST', `${flowsUrl()}/${flowId}/enable`, { token });
    expect((await post(hookUrl)).status).toBe(202);
  });
});
