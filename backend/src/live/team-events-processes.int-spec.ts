import type { TeamEvent } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { EventStreamReader } from '../test-support/event-stream-reader.js';
import { webhookToSink } from '../test-support/flow-fixtures.js';
import { HookflowProcess } from '../test-support/hookflow-process.js';
import { HttpSink } from '../test-support/http-sink.js';

// Server modes only (the embedded database belongs to one process): the stream is open on one
// api process while the trigger URL is called on another and a third process runs the steps.

const serverEnvironments = testEnvironments().filter(
  (environment) => environment.name !== 'embedded',
);
const describeServers = serverEnvironments.length ? describe.each(serverEnvironments) : undefined;

describeServers?.('Team live events across processes ($name mode)', (environment) => {
  const sink = new HttpSink();
  let watched: HookflowProcess;
  let called: HookflowProcess;
  let worker: HookflowProcess;
  let cleanup: () => Promise<void>;
  const reader = new EventStreamReader<TeamEvent>();

  const api = async <T>(
    base: string,
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    await sink.start();
    const settings = await environment.appSettings();
    cleanup = settings.cleanup;
    const env = { ...settings.env, OUTBOUND_ALLOWLIST: '127.0.0.1/32' };
    watched = await new HookflowProcess({ ...env, ROLE: 'api' }).start();
    called = await new HookflowProcess({ ...env, ROLE: 'api' }).start();
    worker = await new HookflowProcess({ ...env, ROLE: 'worker' }).start();
  }, 180_000);
  afterAll(async () => {
    await reader.close();
    await Promise.all([watched, called, worker].map((process) => process?.stop()));
    await cleanup?.();
    await sink.stop();
  });

  it('hears a run created on another api process and finished on a worker, and flow changes made elsewhere', async () => {
    const signup = await fetch(`${called.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `far.${Date.now()}@example.com`,
        password: 'correct horse battery',
        name: 'Far',
        session: 'bearer',
      }),
    });
    const { token, team } = (await signup.json()) as { token: string; team: { id: string } };
    const flows = `/api/teams/${team.id}/flows`;
    const flow = await api<{ id: string }>(called.url, 'POST', flows, token, {
      name: 'Far away',
      definition: webhookToSink(`${sink.url}/far`),
    });
    const { webhookUrl } = await api<{ webhookUrl: string }>(
      called.url,
      'POST',
      `${flows}/${flow.id}/publish`,
      token,
    );

    expect(await reader.open(`${watched.url}/api/teams/${team.id}/events`, token)).toBe(200);
    // The watch is announced by NOTIFY; give the other processes a moment to hear it.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const answer = await fetch(webhookUrl.replace(/^http:\/\/[^/]+/, called.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"far":true}',
    });
    const { executionId } = (await answer.json()) as { executionId: string };
    await reader.waitFor(
      'the run finished on the worker',
      (event) => event.type === 'execution.finished' && event.executionId === executionId,
    );
    await api(called.url, 'PATCH', `${flows}/${flow.id}`, token, { name: 'Renamed far away' });
    await reader.waitFor(
      'the save on the other api process',
      (event) => event.type === 'flow.changed',
    );

    expect(reader.events).toEqual([
      {
        type: 'execution.created',
        executionId,
        flowId: flow.id,
        source: 'production',
        status: 'queued',
      },
      { type: 'execution.finished', executionId, flowId: flow.id, status: 'succeeded' },
      { type: 'flow.changed', flowId: flow.id, change: 'saved' },
    ]);
  });
});
