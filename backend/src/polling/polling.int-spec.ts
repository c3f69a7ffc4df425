import type { Delivery } from '@hookflow/shared';
import { QueueConnection } from '../queue/queue-connection.js';
import { testEnvironments } from '../test-support/environments.js';
import { waitFor } from '../test-support/wait-for.js';
import { OrdersApiStandIn, pollingFlow } from './orders-api-stand-in.js';
import { pollsQueueName, type PollJob } from './poll-plan.js';
import { PollScheduler } from './poll-scheduler.service.js';
import { idsOf, PollingClient } from './polling-test-client.js';

// trigger.poll end to end over REST, against a local API whose list grows between polls: the
// first poll fires nothing, each new item exactly one run (oldest first), failed polls change
// nothing, a restart re-fires nothing, ticks of the poll schedule poll like "Poll now" does.

describe.each(testEnvironments())('Polling end to end ($name mode)', (environment) => {
  const api = new OrdersApiStandIn();
  let hookflow: PollingClient;
  let cleanup: () => Promise<void>;
  let flowId: string;

  beforeAll(async () => {
    await api.start();
    const settings = await environment.appSettings();
    cleanup = settings.cleanup;
    hookflow = await new PollingClient({
      ...settings.env,
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
    }).start();
    Object.assign(hookflow, await hookflow.signup('Poller'));
    const credential = await hookflow.request<{ id: string }>(
      'POST',
      hookflow.team('/credentials'),
      {
        name: 'Orders API token',
        type: 'http.bearer',
        data: { token: 'orders-secret-token' },
      },
    );
    expect(credential.status).toBe(201);
    api.add(3);
    flowId = await hookflow.createFlow(
      pollingFlow(`${api.url}/orders`, {
        credentialId: credential.body.id,
        query: { status: 'paid' },
        headers: { 'X-Api-Key': 'typed-in-key' },
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await hookflow?.server?.stop();
    await cleanup?.();
    await api.stop();
  });

  it('polls right after publishing, then every intervalSeconds', async () => {
    const next = await hookflow.server!.app.get(PollScheduler).nextPoll(flowId);
    expect(next).toBeInstanceOf(Date);
    expect(next!.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('takes a baseline on the first poll: records the items, starts nothing', async () => {
    const delivery = await hookflow.firstScheduledPoll(flowId);
    expect(delivery.outcome).toBe('accepted');
    expect(delivery.poll).toMatchObject({
      cause: 'schedule',
      url: `${api.url}/orders`,
      status: 200,
      found: 3,
      new: 0,
      baseline: true,
      error: null,
    });
    expect(delivery.executionId).toBeNull();
    expect(await hookflow.runs(flowId)).toEqual([]);
    // The request went out with the query and the credential, which the delivery does not show.
    const sent = api.requests.at(-1)!;
    expect(sent.url).toBe('/orders?status=paid');
    expect(sent.headers.authorization).toBe('Bearer orders-secret-token');
    expect(delivery.query).toEqual({ status: 'paid' });
    expect(sent.headers['x-api-key']).toBe('typed-in-key');
    expect(delivery.headers).toMatchObject({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      accept: 'application/json',
    });
    expect(JSON.stringify(delivery)).not.toMatch(/orders-secret-token|typed-in-key/);
  });

  it('starts exactly one run per new item, oldest first, with the item as trigger data', async () => {
    api.add(2);
    const { delivery, executionIds } = await hookflow.pollNow(flowId);
    expect(delivery.poll).toMatchObject({ cause: 'manual', found: 5, new: 2, baseline: false });
    expect(executionIds).toHaveLength(2);
    const again = await hookflow.pollNow(flowId);
    expect(again.delivery.poll).toMatchObject({ found: 5, new: 0 });

    const runs = await hookflow.runs(flowId);
    expect(idsOf(runs)).toEqual(['ord_4', 'ord_5']);
    expect(runs.map((run) => run.id)).toEqual(executionIds);
    for (const run of runs) {
      expect(run.status).toBe('succeeded');
      expect(run.trigger.method).toBe('POLL');
      const echo = run.steps.find((step) => step.nodeId === 'echo');
      expect(echo?.output).toEqual({ id: run.trigger.body.item.id });
    }
    expect(runs[0].trigger.body.item).toEqual({ id: 'ord_4', n: 4, total: 40 });
  });

  it('records a 500 as a failed poll that moves nothing, so the next poll catches up', async () => {
    api.add(1).failNext(500);
    const failed = await hookflow.pollNow(flowId);
    expect(failed.delivery.outcome).toBe('failed');
    expect(failed.delivery.poll).toMatchObject({ status: 500, new: 0, found: 0 });
    expect(failed.delivery.poll?.error).toMatch(/answered 500 Internal Server Error/);
    expect(failed.executionIds).toEqual([]);

    api.add(1);
    const next = await hookflow.pollNow(flowId);
    expect(next.delivery.poll).toMatchObject({ status: 200, new: 2, error: null });
    expect(idsOf(await hookflow.runs(flowId))).toEqual(['ord_4', 'ord_5', 'ord_6', 'ord_7']);
  });

  it('records malformed JSON, a list that is not there and a 404 as failed polls with the reason', async () => {
    api.answerNext(200, '{"data": {"orders": [').answerNext(200, '{"data": {}}').failNext(404);
    const reasons = [];
    for (let i = 0; i < 3; i++) {
      const { delivery } = await hookflow.pollNow(flowId);
      expect(delivery.outcome).toBe('failed');
      reasons.push(delivery.poll?.error);
    }
    expect(reasons[0]).toMatch(/^The answer is not JSON/);
    expect(reasons[1]).toBe('itemsPath "data.orders" is nothing, not a list');
    expect(reasons[2]).toMatch(/answered 404 Not Found/);
    const after = await hookflow.pollNow(flowId);
    expect(after.delivery.poll).toMatchObject({ found: 7, new: 0 });
  });

  it('re-fires nothing after a restart, and fires what is new', async () => {
    await hookflow.restart();
    api.add(1);
    const { delivery } = await hookflow.pollNow(flowId);
    expect(delivery.poll).toMatchObject({ found: 8, new: 1, baseline: false });
    const ids = idsOf(await hookflow.runs(flowId));
    expect(ids).toEqual(['ord_4', 'ord_5', 'ord_6', 'ord_7', 'ord_8']);
  });

  it('polls on a tick of the poll schedule like Poll now does', async () => {
    api.add(1);
    // The tick job the scheduler would add, added by hand instead of waiting a minute.
    const queue = hookflow.server!.app.get(QueueConnection).createQueue<PollJob>(pollsQueueName);
    await queue.add('poll', { flowId, teamId: hookflow.teamId });
    await waitFor(
      async () => (await hookflow.deliveries(flowId))[0]?.poll?.cause === 'schedule',
      30_000,
      'the scheduled poll',
    );
    const [tick] = await hookflow.deliveries(flowId);
    expect(tick.poll).toMatchObject({ cause: 'schedule', found: 9, new: 1 });
    expect(idsOf(await hookflow.runs(flowId)).at(-1)).toBe('ord_9');
  });

  it('lists every poll in the inspector, newest first, and refuses to replay one', async () => {
    const deliveries = await hookflow.deliveries(flowId);
    expect(deliveries.map((d) => d.outcome)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'failed',
      'failed',
      'failed',
      'accepted',
      'failed',
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(deliveries.map((d) => d.poll?.new)).toEqual([1, 1, 0, 0, 0, 0, 2, 0, 0, 2, 0]);
    // The list shows a preview of the answer; the detail has all of it.
    const detail = await hookflow.request<Delivery>(
      'GET',
      hookflow.team(`/flows/${flowId}/deliveries/${deliveries[0].id}`),
    );
    expect(detail.body.poll).toEqual(deliveries[0].poll);
    const answer = Buffer.from(detail.body.rawBodyBase64, 'base64').toString('utf8');
    expect(JSON.parse(answer).data.orders).toHaveLength(9);
    expect(deliveries[0].bodyPreview).toBe(answer.slice(0, 512));
    const replay = await hookflow.request(
      'POST',
      hookflow.team(`/flows/${flowId}/deliveries/${deliveries[0].id}/replay`),
      { target: 'published' },
    );
    expect(replay.status).toBe(400);
    expect(replay.body.message).toMatch(/Poll now/);
  });

  it('starts nothing for a disabled flow, and refuses Poll now for drafts, other flows and teams', async () => {
    expect((await hookflow.request('POST', hookflow.team(`/flows/${flowId}/disable`))).status).toBe(
      200,
    );
    expect(await hookflow.server!.app.get(PollScheduler).nextPoll(flowId)).toBeUndefined();
    const disabled = await hookflow.request('POST', hookflow.team(`/flows/${flowId}/poll`));
    expect(disabled.status).toBe(409);
    expect(disabled.body.message).toMatch(/disabled/);

    const draft = await hookflow.createFlow(pollingFlow(`${api.url}/orders`), false);
    const unpublished = await hookflow.request('POST', hookflow.team(`/flows/${draft}/poll`));
    expect(unpublished.status).toBe(409);
    expect(unpublished.body.message).toMatch(/Publish the flow first/);

    const webhook = await hookflow.request<{ id: string }>('POST', hookflow.team('/flows'), {
      name: 'Not a poll',
    });
    const notPoll = await hookflow.request('POST', hookflow.team(`/flows/${webhook.body.id}/poll`));
    expect(notPoll.status).toBe(400);
    expect(notPoll.body.message).toMatch(/trigger/);

    const own = { token: hookflow.token, teamId: hookflow.teamId };
    Object.assign(hookflow, await hookflow.signup('Stranger'));
    const foreign = await hookflow.request(
      'POST',
      `/api/teams/${hookflow.teamId}/flows/${flowId}/poll`,
    );
    expect(foreign.status).toBe(404);
    Object.assign(hookflow, own);
  });

  it('refuses to publish a cron that polls more often than every 30 s, naming the field', async () => {
    const id = await hookflow.createFlow(
      pollingFlow(`${api.url}/orders`, { every: 'cron', cron: '*/5 * * * * *' }),
      false,
    );
    const published = await hookflow.request('POST', hookflow.team(`/flows/${id}/publish`));
    expect(published.status).toBe(400);
    expect(published.body.issues).toEqual([
      expect.objectContaining({ nodeId: 'poll', field: 'cron' }),
    ]);
  });

  it('with "include existing items", the first poll starts a run for every item, oldest first', async () => {
    const id = await hookflow.createFlow(
      pollingFlow(`${api.url}/orders`, { includeExisting: true }),
    );
    const delivery = await hookflow.firstScheduledPoll(id);
    expect(delivery.poll).toMatchObject({ found: 9, new: 9, baseline: true });
    expect(idsOf(await hookflow.runs(id))).toEqual(api.orders.map((order) => order.id).reverse());
  });

  it('stores items holding NUL or a lone surrogate, which Postgres refuses, with U+FFFD', async () => {
    const odd = await new OrdersApiStandIn().start();
    try {
      odd.orders.push({ id: 'ord_nul\u0000', n: 1, total: 1, note: 'a\u0000b\ud800c' });
      const id = await hookflow.createFlow(
        pollingFlow(`${odd.url}/orders`, { includeExisting: true }),
      );
      const first = await hookflow.firstScheduledPoll(id);
      expect(first.poll).toMatchObject({ found: 1, new: 1, error: null });
      const [run] = await hookflow.runs(id);
      expect(run.trigger.body.item).toEqual({
        id: 'ord_nul\uFFFD',
        n: 1,
        total: 1,
        note: 'a\uFFFDb\uFFFDc',
      });
      expect((await hookflow.pollNow(id)).delivery.poll).toMatchObject({ new: 0 });
    } finally {
      await odd.stop();
    }
  });

  it('starts thousands of new items once each, written in batches', async () => {
    const big = new OrdersApiStandIn().add(1_200);
    await big.start();
    try {
      const id = await hookflow.createFlow(
        pollingFlow(`${big.url}/orders`, { includeExisting: true }),
      );
      const first = await hookflow.firstScheduledPoll(id);
      expect(first.poll).toMatchObject({ found: 1_200, new: 1_200 });
      const runs = await hookflow.request<{ items: unknown[] }>(
        'GET',
        hookflow.team(`/executions?flowId=${id}&limit=100`),
      );
      expect(runs.body.items).toHaveLength(100);
      const again = await hookflow.pollNow(id);
      expect(again.delivery.poll).toMatchObject({ found: 1_200, new: 0 });
      // Stop the runs from piling up behind the next suites.
      await hookflow.request('POST', hookflow.team(`/flows/${id}/disable`));
    } finally {
      await big.stop();
    }
  }, 120_000);
});
