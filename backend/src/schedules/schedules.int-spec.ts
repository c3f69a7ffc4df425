import type { FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { HookflowProcess } from '../test-support/hookflow-process.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

// trigger.schedule end to end over REST: publish, ticks become executions, next-runs, invalid
// cron refused on publish, disable stops the ticks; and in server modes, two worker processes on
// one database run each tick once.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a failure naming `what` when it takes longer than `ms` (a hung request). */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** trigger.schedule → data.transform that echoes the tick. */
function scheduledFlow(cron: string, timezone = 'Europe/Berlin'): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: 'tick',
        type: 'trigger.schedule',
        name: 'Every second',
        position: { x: 0, y: 0 },
        config: { cron, timezone },
      },
      {
        id: 'echo',
        type: 'data.transform',
        name: 'Echo the tick',
        position: { x: 0, y: 100 },
        config: {
          fields: { at: '{{ trigger.body.scheduledAt }}', zone: '{{ trigger.body.timezone }}' },
        },
      },
    ],
    edges: [{ id: 'e1', source: 'tick', target: 'echo' }],
  };
}

interface ExecutionSummaryView {
  id: string;
  status: string;
}

interface StepView {
  nodeId: string;
  status: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  output: any;
}

/** REST helpers for one signed-up user's team on `app`. */
function teamClient(app: TestApp, token: string, teamId: string) {
  const base = `/api/teams/${teamId}`;
  const client = {
    async createFlow(name: string, definition: FlowDefinition): Promise<string> {
      const created = await app.request('POST', `${base}/flows`, {
        token,
        body: { name, definition },
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    },
    publish: (flowId: string) =>
      within(
        15_000,
        'POST …/publish',
        app.request('POST', `${base}/flows/${flowId}/publish`, { token }),
      ),
    disable: (flowId: string) => app.request('POST', `${base}/flows/${flowId}/disable`, { token }),
    nextRuns: (flowId: string) =>
      app.request('GET', `${base}/flows/${flowId}/next-runs`, { token }),
    async executions(flowId: string): Promise<ExecutionSummaryView[]> {
      const response = await app.request('GET', `${base}/executions?flowId=${flowId}&limit=100`, {
        token,
      });
      expect(response.status).toBe(200);
      return response.body.items as ExecutionSummaryView[];
    },
    async execution(id: string): Promise<{ status: string; steps: StepView[] }> {
      const response = await app.request('GET', `${base}/executions/${id}`, { token });
      expect(response.status).toBe(200);
      return response.body;
    },
    /** Waits for every execution of `flowId` to finish and returns them in full. */
    async finishedExecutions(flowId: string) {
      const items = await client.executions(flowId);
      const done = ['succeeded', 'failed', 'canceled'];
      await waitFor(
        async () =>
          (await Promise.all(items.map((item) => client.execution(item.id)))).every((run) =>
            done.includes(run.status),
          ),
        30_000,
        `the executions of ${flowId} to finish`,
      );
      return Promise.all(
        items.map(async (item) => ({ id: item.id, ...(await client.execution(item.id)) })),
      );
    },
  };
  return client;
}

/** The tick a scheduled execution ran for: the trigger step's output. */
function tickOf(run: { steps: StepView[] }): { scheduledAt: string; timezone: string } {
  const trigger = run.steps.find((step) => step.nodeId === 'tick');
  expect(trigger).toBeDefined();
  return trigger!.output;
}

const wholeSecondIso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/;

describe.each(testEnvironments())('Schedules end to end ($name mode)', (environment) => {
  let app: TestApp;
  let api: ReturnType<typeof teamClient>;
  let flowId: string;

  beforeAll(async () => {
    app = await startTestApp(environment);
    const {
      token,
      team: { id: teamId },
    } = await app.signup('Scheduler');
    api = teamClient(app, token, teamId);
    flowId = await api.createFlow('Every second', scheduledFlow('* * * * * *'));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('runs an every-second schedule: each tick one succeeded execution for a distinct whole second', async () => {
    const published = await api.publish(flowId);
    expect(published.status).toBe(200);

    await waitFor(
      async () => (await api.executions(flowId)).length >= 2,
      6_000,
      'two scheduled executions',
    );
    const runs = await api.finishedExecutions(flowId);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) expect(run.status).toBe('succeeded');
    const ticks = runs.map(tickOf);
    for (const tick of ticks) {
      expect(tick.scheduledAt).toMatch(wholeSecondIso);
      expect(tick.timezone).toBe('Europe/Berlin');
    }
    const scheduledAt = ticks.map((tick) => tick.scheduledAt);
    expect(new Set(scheduledAt).size).toBe(scheduledAt.length);
    // the transform saw the same tick
    for (const run of runs) {
      const echo = run.steps.find((step) => step.nodeId === 'echo');
      expect(echo).toMatchObject({
        status: 'succeeded',
        output: { at: tickOf(run).scheduledAt, zone: 'Europe/Berlin' },
      });
    }
  });

  it('lists the next five runs, one second apart', async () => {
    const before = Date.now();
    const response = await api.nextRuns(flowId);
    expect(response.status).toBe(200);
    const nextRuns = response.body.nextRuns as string[];
    expect(nextRuns).toHaveLength(5);
    for (const run of nextRuns) expect(run).toMatch(wholeSecondIso);
    const times = nextRuns.map((run) => Date.parse(run));
    expect(times[0]).toBeGreaterThan(before - 1000);
    expect(times.slice(1).map((time, index) => time - times[index])).toEqual([
      1000, 1000, 1000, 1000,
    ]);
  });

  it('refuses to publish an invalid cron with a 400 naming the field', async () => {
    const invalid = await api.createFlow('Broken schedule', scheduledFlow('61 * * * *'));
    const response = await api.publish(invalid);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/cron/);
    expect(response.body.message).toContain('61 * * * *');
    expect(response.body.issues).toEqual([
      expect.objectContaining({ nodeId: 'tick', field: 'cron' }),
    ]);
    // nothing was scheduled
    await sleep(1500);
    expect(await api.executions(invalid)).toEqual([]);
  });

  it('starts no run after the flow is disabled', async () => {
    const disabledAt = Date.now();
    const disabled = await api.disable(flowId);
    expect(disabled.status).toBe(200);
    // a tick already being processed when disable landed may still finish its run
    await sleep(300);
    const count = (await api.executions(flowId)).length;
    await sleep(2500);
    const runs = await api.finishedExecutions(flowId);
    expect(runs).toHaveLength(count);
    // and no run belongs to a tick after the disable request
    for (const run of runs) expect(Date.parse(tickOf(run).scheduledAt)).toBeLessThan(disabledAt);
  });
});

// Server modes only: the embedded database belongs to one process.
const serverEnvironments = testEnvironments().filter(
  (environment) => environment.name !== 'embedded',
);
const describeServers = serverEnvironments.length ? describe.each(serverEnvironments) : undefined;

describeServers?.('Schedules with two worker processes ($name mode)', (environment) => {
  let app: TestApp;
  let api: ReturnType<typeof teamClient>;
  const workers: HookflowProcess[] = [];

  beforeAll(async () => {
    // The API runs in-process and enqueues; only the two worker processes run ticks.
    app = await startTestApp(environment, { ROLE: 'api' });
    for (let i = 0; i < 2; i++) {
      workers.push(await new HookflowProcess({ ...app.env, ROLE: 'worker' }).start());
    }
    const {
      token,
      team: { id: teamId },
    } = await app.signup('Twin');
    api = teamClient(app, token, teamId);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await app?.stop();
  });

  it('runs each tick exactly once', async () => {
    const flowId = await api.createFlow(
      'Every second, twice watched',
      scheduledFlow('* * * * * *'),
    );
    expect((await api.publish(flowId)).status).toBe(200);
    await sleep(4000);
    expect((await api.disable(flowId)).status).toBe(200);
    await sleep(500);

    const runs = await api.finishedExecutions(flowId);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const run of runs) expect(run.status).toBe('succeeded');
    const scheduledAt = runs.map((run) => tickOf(run).scheduledAt);
    for (const tick of scheduledAt) expect(tick).toMatch(wholeSecondIso);
    expect(new Set(scheduledAt).size).toBe(scheduledAt.length);
  });
});
