import type { ExecutionEvent, FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

const callSink = (url: string): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'trigger.manual', name: 'Start', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'shape',
      type: 'data.transform',
      name: 'Shape',
      position: { x: 0, y: 100 },
      config: { fields: { order: '{{ trigger.body.order }}' } },
    },
    {
      id: 'call',
      type: 'http.request',
      name: 'Call',
      position: { x: 0, y: 200 },
      retry: { attempts: 1, backoff: 'fixed', delayMs: 100 },
      config: { method: 'POST', url, body: '{{ steps.shape }}' },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'shape' },
    { id: 'e2', source: 'shape', target: 'call' },
  ],
});

/** Reads an SSE stream until `done` says so (fetch with the Bearer header, as the editor does). */
async function readEvents(
  url: string,
  token: string,
  done: (events: ExecutionEvent[]) => boolean,
): Promise<ExecutionEvent[]> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const events: ExecutionEvent[] = [];
  let buffer = '';
  while (!done(events)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    buffer += Buffer.from(value).toString('utf8');
    const frames = buffer.split('\n\n');
    buffer = frames.pop()!;
    for (const frame of frames) {
      const data = frame.split('\n').find((line) => line.startsWith('data: '));
      if (data) events.push(JSON.parse(data.slice(6)) as ExecutionEvent);
    }
  }
  await reader.cancel();
  return events;
}

describe.each(testEnvironments())('Executions API ($name mode)', (environment) => {
  let app: TestApp;
  let sink: HttpSink;
  let token: string;
  let teamId: string;
  let flowId: string;

  const run = async (payload: unknown) =>
    (
      await app.request('POST', `/api/teams/${teamId}/flows/${flowId}/run`, {
        token,
        body: { payload },
      })
    ).body.executionId as string;
  const get = async (id: string) =>
    (await app.request('GET', `/api/teams/${teamId}/executions/${id}`, { token })).body;
  const settled = async (id: string) => {
    await waitFor(
      async () => ['succeeded', 'failed', 'canceled'].includes((await get(id)).status),
      20_000,
      `execution ${id}`,
    );
    return get(id);
  };

  beforeAll(async () => {
    sink = await new HttpSink().start();
    app = await startTestApp(environment, { OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Runner'));
    const created = await app.request('POST', `/api/teams/${teamId}/flows`, {
      token,
      body: { name: 'Manual', definition: callSink(`${sink.url}/orders`) },
    });
    flowId = created.body.id;
  });
  afterAll(async () => {
    await app.stop();
    await sink.stop();
  });

  it('streams a run live over SSE, step by step, until it finishes', async () => {
    const id = await run({ order: 1 });
    const events = await readEvents(
      `${app.url}/api/teams/${teamId}/executions/${id}/events`,
      token,
      (seen) => seen.some((event) => event.type === 'execution' && event.status === 'succeeded'),
    );
    const finishedSteps = events.flatMap((event) =>
      event.type === 'step' && event.step.status === 'succeeded' ? [event.step.nodeId] : [],
    );
    expect(new Set(finishedSteps)).toEqual(new Set(['start', 'shape', 'call']));
    expect(events.at(-1)).toEqual({ type: 'execution', executionId: id, status: 'succeeded' });
  });

  it('retries a failed run from the failed step, keeping what succeeded, or from the start', async () => {
    sink.reply({ status: 400, body: { error: 'bad order' } });
    const id = await run({ order: 2 });
    const failed = await settled(id);
    expect(failed.status).toBe('failed');
    // named as the editor shows the node, not by its id
    expect(failed.error).toMatch(/^Step "Call" failed: .*400/);
    const call = failed.steps.find((step: { nodeId: string }) => step.nodeId === 'call');
    expect(call).toMatchObject({ name: 'Call', attempt: 1 });
    expect(call.error).toMatchObject({ code: 'HTTP_STATUS', retryable: false });
    expect(call.error.message).toContain('400');
    expect(failed.attempts).toHaveLength(1);
    const shapeBefore = failed.steps.find((step: { nodeId: string }) => step.nodeId === 'shape');

    // The next attempt starts a while later, so the first one's end and the second's start differ.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const retried = await app.request('POST', `/api/teams/${teamId}/executions/${id}/retry`, {
      token,
      body: { from: 'failed' },
    });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ attempt: 2, retriedFrom: 'failed', failedAttempts: 1 });
    const fixed = await settled(id);
    expect(fixed).toMatchObject({ status: 'succeeded', attempt: 2, error: null });
    // the completed step was kept, not run again
    expect(fixed.steps.find((step: { nodeId: string }) => step.nodeId === 'shape')).toEqual(
      shapeBefore,
    );
    // the failed attempt is kept as it ended
    expect(fixed.attempts).toHaveLength(2);
    const [first, second] = fixed.attempts;
    expect(first).toMatchObject({
      attempt: 1,
      status: 'failed',
      error: failed.error,
      startedFrom: null,
      startedAt: failed.startedAt,
      finishedAt: failed.finishedAt,
    });
    expect(first.steps).toEqual(failed.steps);
    expect(second).toMatchObject({ attempt: 2, status: 'succeeded', startedFrom: 'failed' });
    // each attempt's duration is its own: the second started after the first ended
    expect(Date.parse(fixed.startedAt)).toBeGreaterThanOrEqual(Date.parse(failed.finishedAt) + 250);
    expect(Date.parse(fixed.finishedAt) - Date.parse(fixed.startedAt)).toBeLessThan(
      Date.parse(fixed.finishedAt) - Date.parse(failed.startedAt) - 250,
    );
    // "failed" still finds the run: its first attempt failed
    const failedList = await app.request(
      'GET',
      `/api/teams/${teamId}/executions?status=failed&flowId=${flowId}`,
      { token },
    );
    const listed = failedList.body.items.find((item: { id: string }) => item.id === id);
    expect(listed).toMatchObject({ status: 'succeeded', failedAttempts: 1, attempt: 2 });

    const before = sink.requests.length;
    await app.request('POST', `/api/teams/${teamId}/executions/${id}/retry`, {
      token,
      body: { from: 'start' },
    });
    const again = await settled(id);
    expect(again.status).toBe('succeeded');
    expect(again.steps.find((step: { nodeId: string }) => step.nodeId === 'shape').id).not.toBe(
      shapeBefore.id,
    );
    expect(sink.requests.length).toBe(before + 1);
    expect(
      again.attempts.map((attempt: { status: string; startedFrom: string | null }) => [
        attempt.status,
        attempt.startedFrom,
      ]),
    ).toEqual([
      ['failed', null],
      ['succeeded', 'failed'],
      ['succeeded', 'start'],
    ]);
    expect(again.failedAttempts).toBe(1);

    // Two retries at once make one new attempt; the other is refused. The new attempt's call is
    // held at the sink, so its run cannot finish (and be retryable again) before the other lands.
    sink.reply({ status: 200, hold: true });
    const both = await Promise.all(
      ['start', 'start'].map((from) =>
        app.request('POST', `/api/teams/${teamId}/executions/${id}/retry`, {
          token,
          body: { from },
        }),
      ),
    );
    expect(both.map((answer) => answer.status).sort()).toEqual([202, expect.any(Number)]);
    expect([400, 409]).toContain(both.map((answer) => answer.status).sort()[1]);
    await waitFor(() => sink.requests.length === before + 2, 10_000, 'the retried call');
    sink.release();
    expect((await settled(id)).attempts).toHaveLength(4);
  });

  it('refuses to retry a running execution and validates the retry body', async () => {
    sink.reply({ status: 200, hold: true });
    const before = sink.requests.length;
    const id = await run({ order: 3 });
    // the run is mid-step: its HTTP call is held open by the sink
    await waitFor(() => sink.requests.length === before + 1, 10_000, 'the call to be in flight');
    expect((await get(id)).status).toBe('running');
    const early = await app.request('POST', `/api/teams/${teamId}/executions/${id}/retry`, {
      token,
      body: { from: 'failed' },
    });
    expect(early.status).toBe(400);
    const bad = await app.request('POST', `/api/teams/${teamId}/executions/${id}/retry`, {
      token,
      body: { from: 'middle' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('field "from"');
    const canceled = await app.request('POST', `/api/teams/${teamId}/executions/${id}/cancel`, {
      token,
    });
    expect(canceled.body.status).toBe('canceled');
    sink.release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await get(id)).status).toBe('canceled');
  });

  it('lists runs newest first with filters and a cursor', async () => {
    const ids = [await run({ order: 10 }), await run({ order: 11 }), await run({ order: 12 })];
    await Promise.all(ids.map(settled));
    const first = await app.request(
      'GET',
      `/api/teams/${teamId}/executions?flowId=${flowId}&limit=2`,
      { token },
    );
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await app.request(
      'GET',
      `/api/teams/${teamId}/executions?flowId=${flowId}&limit=2&cursor=${first.body.nextCursor}`,
      { token },
    );
    expect(second.body.items[0].id).toBe(ids[0]);
    const failedOnly = await app.request('GET', `/api/teams/${teamId}/executions?status=failed`, {
      token,
    });
    expect(
      failedOnly.body.items.every(
        (item: { status: string; failedAttempts: number }) =>
          item.status === 'failed' || item.failedAttempts > 0,
      ),
    ).toBe(true);
    const badStatus = await app.request('GET', `/api/teams/${teamId}/executions?status=sleeping`, {
      token,
    });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.message).toContain('field "status"');
    const badCursor = await app.request('GET', `/api/teams/${teamId}/executions?cursor=nonsense`, {
      token,
    });
    expect(badCursor.status).toBe(400);
  });

  it('filters runs by source, date and text, searches ids, and names a bad field', async () => {
    const published = await app.publishFlow(token, teamId, 'Sources', {
      schemaVersion: 1,
      nodes: [
        {
          id: 'start',
          type: 'trigger.webhook',
          name: 'Hook',
          position: { x: 0, y: 0 },
          config: { methods: ['POST'], auth: { type: 'none' } },
        },
      ],
      edges: [],
    });
    const list = async (params: string) =>
      app.request('GET', `/api/teams/${teamId}/executions?flowId=${published.flowId}&${params}`, {
        token,
      });
    const post = async (url: string, body: unknown) =>
      (
        (await (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).json()) as {
          executionId: string;
        }
      ).executionId;
    const production = await post(published.hookUrl, { customer: 'Zoë Quartermaine', n: 1 });
    const test = await post(published.testHookUrl, { customer: 'someone else', n: 2 });
    const dry = (
      await app.request('POST', `/api/teams/${teamId}/flows/${published.flowId}/run`, {
        token,
        body: { payload: { n: 3 }, dryRun: true },
      })
    ).body.executionId as string;
    await Promise.all([production, test, dry].map(settled));

    const ids = async (params: string) =>
      (await list(params)).body.items.map((item: { id: string }) => item.id);
    expect(await ids('source=production')).toEqual([production]);
    expect(await ids('source=test')).toEqual([test]);
    expect(await ids('source=dry-run')).toEqual([dry]);
    const [row] = (await list('source=production')).body.items;
    expect(row).toMatchObject({ source: 'production', attempt: 1, failedAttempts: 0 });
    expect(row.triggerSummary).toMatch(/^POST \{"customer":"Zoë Quartermaine"/);

    // payload text, case-insensitive; LIKE wildcards are taken literally
    expect(await ids('q=quartermaine')).toEqual([production]);
    expect(await ids('q=%25')).toEqual([]);
    expect(await ids(`q=${test.slice(0, 8)}`)).toEqual([test]);
    expect(await ids(`q=${dry}`)).toEqual([dry]);

    const created = (await get(test)).createdAt as string;
    // the API's times are in milliseconds, the stored ones finer
    const later = new Date(Date.parse(created) + 1).toISOString();
    expect(await ids(`to=${later}&source=test`)).toEqual([test]);
    expect(await ids(`from=${later}&source=test`)).toEqual([]);
    const page = await list('limit=2');
    expect(page.body.items).toHaveLength(2);
    expect(await ids(`limit=2&cursor=${page.body.nextCursor}`)).toEqual([production]);

    for (const [params, field] of [
      ['source=email', 'source'],
      ['from=yesterday', 'from'],
      [`from=${later}&to=${created}`, 'to'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['limit=0', 'limit'],
    ]) {
      const refused = await list(params);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain(`field "${field}"`);
    }
  });

  it('dry-runs a flow: the would-be request is in the step output and nothing is sent', async () => {
    const created = await app.request('POST', `/api/teams/${teamId}/flows`, {
      token,
      body: {
        name: 'Dry',
        definition: {
          schemaVersion: 1,
          nodes: [
            {
              id: 'start',
              type: 'trigger.webhook',
              name: 'Hook',
              position: { x: 0, y: 0 },
              config: { methods: ['POST'], auth: { type: 'none' } },
            },
            {
              id: 'call',
              type: 'http.request',
              name: 'Call',
              position: { x: 0, y: 100 },
              config: { method: 'POST', url: `${sink.url}/dry`, body: '{{ trigger.body }}' },
            },
          ],
          edges: [{ id: 'e1', source: 'start', target: 'call' }],
        },
      },
    });
    const dryFlow = `/api/teams/${teamId}/flows/${created.body.id}`;
    const sentToDry = () => sink.requests.filter((request) => request.url === '/dry').length;

    const started = await app.request('POST', `${dryFlow}/run`, {
      token,
      body: { payload: { order: 42 }, dryRun: true },
    });
    expect(started.status).toBe(202);
    const done = await settled(started.body.executionId);
    expect(done).toMatchObject({ status: 'succeeded', dryRun: true, version: null });
    const call = done.steps.find((step: { nodeId: string }) => step.nodeId === 'call');
    expect(call.output).toMatchObject({
      dryRun: true,
      request: { method: 'POST', url: `${sink.url}/dry`, body: '{"order":42}' },
    });
    expect(sentToDry()).toBe(0);

    // A delivery replayed as a dry run sends nothing either.
    const published = await app.request('POST', `${dryFlow}/publish`, { token });
    const hook = await fetch(published.body.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: 43 }),
    });
    expect(hook.status).toBe(202);
    expect(
      (await settled(((await hook.json()) as { executionId: string }).executionId)).dryRun,
    ).toBe(false);
    expect(sentToDry()).toBe(1);
    const deliveries = await app.request('GET', `${dryFlow}/deliveries`, { token });
    const replayed = await app.request(
      'POST',
      `${dryFlow}/deliveries/${deliveries.body.items[0].id}/replay`,
      { token, body: { target: 'draft', dryRun: true } },
    );
    expect(replayed.status).toBe(202);
    expect(await settled(replayed.body.executionId)).toMatchObject({
      status: 'succeeded',
      dryRun: true,
    });
    expect(sentToDry()).toBe(1);

    // `version` picks the published version; both fields are validated by name.
    const onPublished = await app.request('POST', `${dryFlow}/run`, {
      token,
      body: { payload: {}, version: 'published', dryRun: true },
    });
    expect((await settled(onPublished.body.executionId)).version).toBe(1);
    const badDry = await app.request('POST', `${dryFlow}/run`, { token, body: { dryRun: 'yes' } });
    expect(badDry.status).toBe(400);
    expect(badDry.body.message).toContain('field "dryRun"');
    const badVersion = await app.request('POST', `${dryFlow}/run`, {
      token,
      body: { version: 'latest' },
    });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.message).toContain('field "version"');
    const unpublished = await app.request('POST', `/api/teams/${teamId}/flows/${flowId}/run`, {
      token,
      body: { version: 'published' },
    });
    expect(unpublished.status).toBe(409);
  });

  it('records step inputs with secrets masked', async () => {
    const created = await app.request('POST', `/api/teams/${teamId}/flows`, {
      token,
      body: {
        name: 'Secretive',
        definition: {
          schemaVersion: 1,
          nodes: [
            {
              id: 'start',
              type: 'trigger.webhook',
              name: 'Hook',
              position: { x: 0, y: 0 },
              config: {
                methods: ['POST'],
                auth: { type: 'header', header: 'X-Key', value: 'top-secret-value' },
              },
            },
          ],
          edges: [],
        },
      },
    });
    const id = (
      await app.request('POST', `/api/teams/${teamId}/flows/${created.body.id}/run`, {
        token,
        body: { payload: {} },
      })
    ).body.executionId;
    const done = await settled(id);
    expect(JSON.stringify(done)).not.toContain('top-secret-value');
    expect(done.steps[0].input.auth.value).toBe('••••••');
  });
});
