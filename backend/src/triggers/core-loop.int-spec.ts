import { createHmac, randomUUID } from 'node:crypto';
import type { FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

const SECRET = 'github-webhook-secret';
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

/** webhook (GitHub-signed, de-duplicated) → transform → if → http.request to the sink */
export function githubToSinkFlow(sinkUrl: string): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: 'n1',
        type: 'trigger.webhook',
        name: 'GitHub push',
        position: { x: 0, y: 0 },
        config: {
          methods: ['POST'],
          auth: { type: 'github', secret: SECRET },
          dedupe: { header: 'X-GitHub-Delivery' },
        },
      },
      {
        id: 'n2',
        type: 'data.transform',
        name: 'Summarise',
        position: { x: 0, y: 100 },
        config: {
          fields: {
            repo: '{{ trigger.body.repository.full_name }}',
            pusher: '{{ trigger.body.pusher.name }}',
            commits: '{{ $count(trigger.body.commits) }}',
          },
        },
      },
      {
        id: 'n3',
        type: 'logic.if',
        name: 'Has commits?',
        position: { x: 0, y: 200 },
        config: { condition: '{{ steps.n2.commits > 0 }}' },
      },
      {
        id: 'n4',
        type: 'http.request',
        name: 'Notify',
        position: { x: 0, y: 300 },
        retry: { attempts: 3, backoff: 'fixed', delayMs: 200 },
        config: {
          method: 'POST',
          url: `${sinkUrl}/notify`,
          body: {
            text: '{{ steps.n2.pusher & " pushed " & $string(steps.n2.commits) & " commits to " & steps.n2.repo }}',
          },
        },
      },
    ],
    edges: [
      { id: 'e1', source: 'n1', target: 'n2' },
      { id: 'e2', source: 'n2', target: 'n3' },
      { id: 'e3', source: 'n3', target: 'n4', sourceHandle: 'true' },
    ],
  };
}

const push = {
  repository: { full_name: 'acme/api' },
  pusher: { name: 'ada' },
  commits: [{ id: 'a' }, { id: 'b' }],
};

describe.each(testEnvironments())('The core loop over real HTTP ($name mode)', (environment) => {
  let app: TestApp;
  let sink: HttpSink;
  let token: string;
  let teamId: string;
  let webhookUrl: string;
  let flowId: string;

  const deliver = (body: string, headers: Record<string, string> = {}) =>
    fetch(webhookUrl, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': sign(body),
        'x-github-delivery': randomUUID(),
        ...headers,
      },
    });
  const execution = (id: string) =>
    app.request('GET', `/api/teams/${teamId}/executions/${id}`, { token });
  const finished = async (id: string) => {
    await waitFor(
      async () => ['succeeded', 'failed', 'canceled'].includes((await execution(id)).body.status),
      30_000,
      `execution ${id} to finish`,
    );
    return (await execution(id)).body;
  };

  beforeAll(async () => {
    sink = await new HttpSink().start();
    app = await startTestApp(environment, { OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Looper'));
    const created = await app.request('POST', `/api/teams/${teamId}/flows`, {
      token,
      body: { name: 'Push to sink', definition: githubToSinkFlow(sink.url) },
    });
    expect(created.status).toBe(201);
    expect(created.body.issues).toEqual([]);
    // the trigger secret is write-only: masked in every answer
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    flowId = created.body.id;
    const published = await app.request('POST', `/api/teams/${teamId}/flows/${flowId}/publish`, {
      token,
    });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(1);
    webhookUrl = published.body.webhookUrl;
  });
  afterAll(async () => {
    await app.stop();
    await sink.stop();
  });

  it('verifies, records and runs a signed delivery; the sink gets the mapped body with an Idempotency-Key', async () => {
    const before = sink.requests.length;
    const response = await deliver(JSON.stringify(push));
    expect(response.status).toBe(202);
    const { executionId } = (await response.json()) as { executionId: string };
    const run = await finished(executionId);
    expect(run.status).toBe('succeeded');
    expect(
      run.steps.map((step: { nodeId: string; status: string }) => [step.nodeId, step.status]),
    ).toEqual([
      ['n1', 'succeeded'],
      ['n2', 'succeeded'],
      ['n3', 'succeeded'],
      ['n4', 'succeeded'],
    ]);
    expect(run.steps[1].output).toEqual({ repo: 'acme/api', pusher: 'ada', commits: 2 });
    expect(run.steps[3].output.status).toBe(200);
    const received = sink.requests.slice(before);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0].body)).toEqual({ text: 'ada pushed 2 commits to acme/api' });
    expect(received[0].headers['idempotency-key']).toBe(`${executionId}:n4`);
  });

  it('answers 401 to a tampered signature and records the delivery with the reason', async () => {
    const body = JSON.stringify(push);
    const response = await deliver(body.replace('ada', 'eve'), {
      'x-hub-signature-256': sign(body),
    });
    expect(response.status).toBe(401);
    const deliveries = await app.request('GET', `/api/teams/${teamId}/flows/${flowId}/deliveries`, {
      token,
    });
    const rejected = deliveries.body.items[0];
    expect(rejected).toMatchObject({
      outcome: 'rejected',
      reason: 'bad_signature',
      executionId: null,
    });
    expect(rejected.bodyPreview).toContain('eve');
    expect(rejected.verification).toEqual(expect.any(String));
  });

  it('starts nothing for a repeated delivery id and answers with the first execution', async () => {
    const body = JSON.stringify({ ...push, commits: [] });
    const deliveryId = randomUUID();
    const first = await deliver(body, { 'x-github-delivery': deliveryId });
    const { executionId } = (await first.json()) as { executionId: string };
    const again = await deliver(body, { 'x-github-delivery': deliveryId });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ executionId, duplicate: true });
    const runs = await app.request('GET', `/api/teams/${teamId}/executions?flowId=${flowId}`, {
      token,
    });
    expect(runs.body.items.filter((run: { id: string }) => run.id === executionId)).toHaveLength(1);
    const deliveries = await app.request('GET', `/api/teams/${teamId}/flows/${flowId}/deliveries`, {
      token,
    });
    expect(deliveries.body.items[0]).toMatchObject({ outcome: 'duplicate', executionId });
    // no commits: the if-branch is false and the http step is skipped
    const run = await finished(executionId);
    expect(run.steps.find((step: { nodeId: string }) => step.nodeId === 'n4').status).toBe(
      'skipped',
    );
  });

  it('starts one run for a delivery id sent many times at once, next to other ids', async () => {
    const body = JSON.stringify({ ...push, commits: [] });
    const repeated = randomUUID();
    const others = Array.from({ length: 10 }, () => randomUUID());
    // Sent together, so the repeats share group-commit batches with each other and with others.
    const answers = await Promise.all(
      [...Array.from({ length: 20 }, () => repeated), ...others].map(async (id) => {
        const response = await deliver(body, { 'x-github-delivery': id });
        return { id, status: response.status, body: (await response.json()) as never };
      }),
    );
    const ofRepeated = answers.filter((answer) => answer.id === repeated);
    const started = ofRepeated.filter((answer) => answer.status === 202);
    expect(started).toHaveLength(1);
    const { executionId } = started[0].body as { executionId: string };
    expect(
      ofRepeated.filter((answer) => answer.status === 200).map((answer) => answer.body),
    ).toEqual(Array.from({ length: 19 }, () => ({ executionId, duplicate: true })));
    const ofOthers = answers.filter((answer) => answer.id !== repeated);
    expect(ofOthers.map((answer) => answer.status)).toEqual(others.map(() => 202));

    const deliveries = await app.request('GET', `/api/teams/${teamId}/flows/${flowId}/deliveries`, {
      token,
    });
    const items = deliveries.body.items as Array<{
      id: string;
      outcome: string;
      executionId: string;
      duplicateOf: string | null;
    }>;
    const first = items.find(
      (item) => item.executionId === executionId && item.outcome === 'accepted',
    );
    const duplicates = items.filter(
      (item) => item.outcome === 'duplicate' && item.executionId === executionId,
    );
    expect(duplicates).toHaveLength(19);
    expect(new Set(duplicates.map((item) => item.duplicateOf))).toEqual(new Set([first!.id]));
    await finished(executionId);
  });

  it('retries a step whose receiver answers 503 twice and succeeds on attempt 3', async () => {
    sink.reply({ status: 503, body: { error: 'busy' } }, { status: 503, body: { error: 'busy' } });
    const before = sink.requests.length;
    const response = await deliver(JSON.stringify(push));
    const { executionId } = (await response.json()) as { executionId: string };
    const run = await finished(executionId);
    expect(run.status).toBe('succeeded');
    const notify = run.steps.find((step: { nodeId: string }) => step.nodeId === 'n4');
    expect(notify).toMatchObject({ status: 'succeeded', attempt: 3 });
    const attempts = sink.requests.slice(before);
    expect(attempts.map((request) => request.headers['idempotency-key'])).toEqual(
      Array(3).fill(`${executionId}:n4`),
    );
  });
});
