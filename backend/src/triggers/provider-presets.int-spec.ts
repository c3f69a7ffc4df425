import type { FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { hmacHex } from '../test-support/verification-test-helpers.js';
import { waitFor } from '../test-support/wait-for.js';

const SECRET = 'gh-webhook-secret-0123456789';

const flowWith = (auth: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({
    schemaVersion: 1,
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        name: 'Hook',
        position: { x: 0, y: 0 },
        config: { methods: ['POST'], auth, ...extra },
      },
    ],
    edges: [],
  }) satisfies FlowDefinition;

/** A request as GitHub signs it. */
const github = (event: string, delivery: string, payload: unknown) => {
  const body = JSON.stringify(payload);
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': delivery,
      'x-hub-signature-256': `sha256=${hmacHex('sha256', SECRET, body)}`,
    },
  };
};

/** A request as Stripe signs it (`t=…,v1=…` over `t.body`). */
const stripe = (payload: unknown) => {
  const body = JSON.stringify(payload);
  const t = Math.floor(Date.now() / 1000);
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'stripe-signature': `t=${t},v1=${hmacHex('sha256', SECRET, `${t}.${body}`)}`,
    },
  };
};

/** A request as Slack signs it (`v0=` HMAC over `v0:timestamp:body`). */
const slack = (payload: unknown, retryNum?: number) => {
  const body = JSON.stringify(payload);
  const ts = String(Math.floor(Date.now() / 1000));
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': `v0=${hmacHex('sha256', SECRET, `v0:${ts}:${body}`)}`,
      ...(retryNum
        ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
  };
};

describe.each(testEnvironments())('Provider presets at the door ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;

  const publish = async (definition: FlowDefinition) => {
    const { flowId, hookUrl } = await app.publishFlow(token, teamId, 'Preset', definition);
    return { id: flowId, url: hookUrl };
  };
  const deliveries = async (flowId: string) =>
    (await app.request('GET', `/api/teams/${teamId}/flows/${flowId}/deliveries`, { token })).body
      .items as Array<Record<string, unknown>>;
  const executions = async (flowId: string) =>
    (await app.request('GET', `/api/teams/${teamId}/executions?flowId=${flowId}`, { token })).body
      .items as Array<{ id: string; status: string }>;

  beforeAll(async () => {
    app = await startTestApp(environment);
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Presets'));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers 200 to a GitHub event the filter leaves out, records it as filtered, starts nothing', async () => {
    const flow = await publish(
      flowWith({ type: 'github', secret: SECRET, events: ['push', 'pull_request.opened'] }),
    );
    const filtered = await fetch(
      flow.url,
      github('pull_request', 'd-closed', { action: 'closed', number: 1 }),
    );
    expect(filtered.status).toBe(200);
    expect(await filtered.json()).toEqual({ filtered: true, event: 'pull_request.closed' });
    const ping = await fetch(flow.url, github('ping', 'd-ping', { zen: 'Keep it simple.' }));
    expect(ping.status).toBe(200);

    const [pingRow, closedRow] = await deliveries(flow.id);
    expect(closedRow).toMatchObject({
      outcome: 'filtered',
      reason: 'filtered',
      executionId: null,
      verification: expect.stringContaining('event "pull_request.closed" is not in'),
    });
    expect(pingRow).toMatchObject({ outcome: 'filtered', executionId: null });
    expect(await executions(flow.id)).toEqual([]);

    // A wanted event still runs.
    const opened = await fetch(flow.url, github('pull_request', 'd-opened', { action: 'opened' }));
    expect(opened.status).toBe(202);
    const { executionId } = (await opened.json()) as { executionId: string };
    await waitFor(
      async () => (await executions(flow.id)).map((run) => run.id).join() === executionId,
      10_000,
      'the opened pull request to start a run',
    );
  });

  it('filters a badly signed request nowhere: it is rejected before the filter', async () => {
    const flow = await publish(flowWith({ type: 'github', secret: SECRET, events: ['push'] }));
    const request = github('issues', 'd-bad', { action: 'opened' });
    request.headers['x-hub-signature-256'] = `sha256=${'0'.repeat(64)}`;
    const response = await fetch(flow.url, request);
    expect(response.status).toBe(401);
    expect((await deliveries(flow.id))[0]).toMatchObject({ outcome: 'rejected' });
  });

  it('filters Stripe events by type, wildcards included', async () => {
    const flow = await publish(
      flowWith({ type: 'stripe', secret: SECRET, events: ['payment_intent.*'] }),
    );
    const refunded = await fetch(flow.url, stripe({ id: 'evt_1', type: 'charge.refunded' }));
    expect(refunded.status).toBe(200);
    const succeeded = await fetch(
      flow.url,
      stripe({ id: 'evt_2', type: 'payment_intent.succeeded' }),
    );
    expect(succeeded.status).toBe(202);
    expect((await deliveries(flow.id)).map((row) => row.outcome)).toEqual(['accepted', 'filtered']);
  });

  it('de-duplicates GitHub deliveries by X-GitHub-Delivery without being told to', async () => {
    const flow = await publish(flowWith({ type: 'github', secret: SECRET }));
    const first = await fetch(
      flow.url,
      github('push', 'same-delivery', { ref: 'refs/heads/main' }),
    );
    expect(first.status).toBe(202);
    const { executionId } = (await first.json()) as { executionId: string };
    const repeat = await fetch(
      flow.url,
      github('push', 'same-delivery', { ref: 'refs/heads/main' }),
    );
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ executionId, duplicate: true });
    const other = await fetch(flow.url, github('push', 'next-delivery', { ref: 'refs/heads/x' }));
    expect(other.status).toBe(202);
    expect((await deliveries(flow.id)).map((row) => row.outcome)).toEqual([
      'accepted',
      'duplicate',
      'accepted',
    ]);
  });

  it('de-duplicates Stripe events by their id, unless the user keeps repeats', async () => {
    const deduped = await publish(flowWith({ type: 'stripe', secret: SECRET }));
    const event = { id: 'evt_same', type: 'invoice.paid' };
    expect((await fetch(deduped.url, stripe(event))).status).toBe(202);
    const repeat = await fetch(deduped.url, stripe(event));
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ duplicate: true });

    const keeping = await publish(flowWith({ type: 'stripe', secret: SECRET, keepRepeats: true }));
    expect((await fetch(keeping.url, stripe(event))).status).toBe(202);
    expect((await fetch(keeping.url, stripe(event))).status).toBe(202);
  });

  it('lets the trigger’s own de-duplication take precedence over the preset’s', async () => {
    const flow = await publish(
      flowWith({ type: 'github', secret: SECRET }, { dedupe: { header: 'X-Request-Id' } }),
    );
    const a = github('push', 'same-delivery', {});
    const b = github('push', 'same-delivery', {});
    (a.headers as Record<string, string>)['x-request-id'] = 'r-1';
    (b.headers as Record<string, string>)['x-request-id'] = 'r-2';
    expect((await fetch(flow.url, a)).status).toBe(202);
    expect((await fetch(flow.url, b)).status).toBe(202);
  });

  it('filters Slack events by event type and answers a retry of the same event as a duplicate', async () => {
    const flow = await publish(
      flowWith({ type: 'slack', secret: SECRET, events: ['app_mention'] }),
    );
    const callback = (type: string, eventId: string) => ({
      type: 'event_callback',
      event_id: eventId,
      event: { type, text: 'hi' },
    });
    expect((await fetch(flow.url, slack(callback('reaction_added', 'Ev1')))).status).toBe(200);
    const first = await fetch(flow.url, slack(callback('app_mention', 'Ev2')));
    expect(first.status).toBe(202);
    const { executionId } = (await first.json()) as { executionId: string };
    const retry = await fetch(flow.url, slack(callback('app_mention', 'Ev2'), 1));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ executionId, duplicate: true });
    expect((await deliveries(flow.id)).map((row) => row.outcome)).toEqual([
      'duplicate',
      'accepted',
      'filtered',
    ]);
  });
});
