import { jest } from '@jest/globals';
import type { FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { HookflowProcess } from '../test-support/hookflow-process.js';
import { webhookToSink } from '../test-support/flow-fixtures.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type ApiResponse, type RequestOptions } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

const twoCalls = (first: string, second: string): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'Hook',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth: { type: 'none' } },
    },
    {
      id: 'first',
      type: 'http.request',
      name: 'First call',
      position: { x: 0, y: 100 },
      config: { method: 'POST', url: first, body: '{{ trigger.body }}' },
    },
    {
      id: 'second',
      type: 'http.request',
      name: 'Second call',
      position: { x: 0, y: 200 },
      config: { method: 'POST', url: second, body: '{{ steps.first.body }}' },
    },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'first' },
    { id: 'e2', source: 'first', target: 'second' },
  ],
});

async function call(
  url: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(url + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** Signs a new user up and publishes their flow; returns the log-in, the team and the hook URL. */
async function publishAs(apiUrl: string, email: string, definition: FlowDefinition) {
  const signup = await call(apiUrl, 'POST', '/api/auth/signup', {
    body: { email, password: 'crash test password', name: 'Crash', session: 'bearer' },
  });
  const { token, team } = signup.body as { token: string; team: { id: string } };
  const flow = await call(apiUrl, 'POST', `/api/teams/${team.id}/flows`, {
    token,
    body: { name: 'Crash test', definition },
  });
  const published = await call(
    apiUrl,
    'POST',
    `/api/teams/${team.id}/flows/${flow.body.id}/publish`,
    { token },
  );
  return { token, team, hook: published.body.webhookUrl as string };
}

// A restart waits for the dead worker's job lock to expire (15 s) before the job runs again.
jest.setTimeout(150_000);

describe.each(testEnvironments())('A worker killed mid-run ($name mode)', (environment) => {
  it('finishes the run after restart without repeating completed steps', async () => {
    const first = await new HttpSink().start();
    const second = await new HttpSink().reply({ status: 200, hold: true }).start();
    const allow = { OUTBOUND_ALLOWLIST: '127.0.0.1/32' };
    // Embedded: the one process is killed. Server: an api in this process, the worker in a child.
    const embedded = environment.name === 'embedded';
    const api = embedded ? undefined : await startTestApp(environment, { ...allow, ROLE: 'api' });
    const own = embedded ? await environment.appSettings() : undefined;
    const env = own ? { ...own.env, ...allow } : { ...api!.env, ROLE: 'worker' };
    let worker = await new HookflowProcess(env).start();
    const apiUrl = () => api?.url ?? worker.url;
    try {
      const { token, team, hook } = await publishAs(
        apiUrl(),
        `crash-${environment.name}@example.com`,
        twoCalls(`${first.url}/a`, `${second.url}/b`),
      );
      const accepted = await fetch(hook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ order: 42 }),
      });
      expect(accepted.status).toBe(202);
      const { executionId } = (await accepted.json()) as { executionId: string };

      await waitFor(() => second.requests.length === 1, 30_000, 'the second call to be in flight');
      await worker.kill();
      worker = await new HookflowProcess(env).start();

      const execution = () =>
        call(apiUrl(), 'GET', `/api/teams/${team.id}/executions/${executionId}`, { token });
      await waitFor(
        async () => (await execution()).body.status === 'succeeded',
        60_000,
        'the run to finish after the restart',
      );
      const steps = (await execution()).body.steps as Array<{
        nodeId: string;
        status: string;
        attempt: number;
      }>;
      expect(steps.map((step) => [step.nodeId, step.status])).toEqual([
        ['hook', 'succeeded'],
        ['first', 'succeeded'],
        ['second', 'succeeded'],
      ]);
      expect(first.requests).toHaveLength(1); // completed before the crash: not repeated
      expect(second.requests).toHaveLength(2); // interrupted: at-least-once, same idempotency key
      expect(second.requests.map((request) => request.headers['idempotency-key'])).toEqual([
        `${executionId}:second`,
        `${executionId}:second`,
      ]);
    } finally {
      await worker.stop();
      await api?.stop();
      await own?.cleanup();
      await first.stop();
      await second.stop();
    }
  });
});

describe('Embedded mode killed with runs waiting to start in its memory', () => {
  it('starts them at the next boot, and repeats only the step that was cut off', async () => {
    const sink = await new HttpSink().reply({ status: 200, hold: true }).start();
    const own = await testEnvironments()
      .find((environment) => environment.name === 'embedded')!
      .appSettings();
    // One run at a time: the first holds the only slot, the others wait in the process's memory.
    const env = { ...own.env, OUTBOUND_ALLOWLIST: '127.0.0.1/32', WORKER_CONCURRENCY: '1' };
    let hookflow = await new HookflowProcess(env).start();
    try {
      const { token, team, hook } = await publishAs(
        hookflow.url,
        'waiting-runs@example.com',
        webhookToSink(`${sink.url}/c`),
      );
      const ids: string[] = [];
      for (const run of ['one', 'two', 'three']) {
        const accepted = await fetch(hook, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ run }),
        });
        expect(accepted.status).toBe(202);
        ids.push(((await accepted.json()) as { executionId: string }).executionId);
      }
      await waitFor(() => sink.requests.length === 1, 30_000, 'the first call to be in flight');
      await hookflow.kill();
      hookflow = await new HookflowProcess(env).start();

      // The sweepers would take these runs no sooner than 10 s after the boot (the outbox
      // sweeper runs every 10 s, for runs committed over 10 s ago): done before, the boot did it.
      const statuses = async () =>
        Promise.all(
          ids.map(
            async (id) =>
              (
                await call(hookflow.url, 'GET', `/api/teams/${team.id}/executions/${id}`, {
                  token,
                })
              ).body.status,
          ),
        );
      await waitFor(
        async () => (await statuses()).every((status) => status === 'succeeded'),
        8_000,
        'the runs left behind to finish after the restart',
      );
      const runs = sink.requests.map((request) => JSON.parse(request.body).run);
      expect(runs.sort()).toEqual(['one', 'one', 'three', 'two']);
      const keys = sink.requests
        .filter((request) => JSON.parse(request.body).run === 'one')
        .map((request) => request.headers['idempotency-key']);
      expect(keys).toEqual([`${ids[0]}:call`, `${ids[0]}:call`]);
    } finally {
      await hookflow.stop();
      await own.cleanup();
      await sink.stop();
    }
  });
});
