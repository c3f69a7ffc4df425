import { jest } from '@jest/globals';
import type { FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { HookflowProcess } from '../test-support/hookflow-process.js';
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
      const signup = await call(apiUrl(), 'POST', '/api/auth/signup', {
        body: {
          email: `crash-${environment.name}@example.com`,
          password: 'crash test password',
          name: 'Crash',
          session: 'bearer',
        },
      });
      const { token, team } = signup.body;
      const flow = await call(apiUrl(), 'POST', `/api/teams/${team.id}/flows`, {
        token,
        body: { name: 'Two calls', definition: twoCalls(`${first.url}/a`, `${second.url}/b`) },
      });
      const published = await call(
        apiUrl(),
        'POST',
        `/api/teams/${team.id}/flows/${flow.body.id}/publish`,
        { token },
      );
      const hook: string = published.body.webhookUrl;
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
