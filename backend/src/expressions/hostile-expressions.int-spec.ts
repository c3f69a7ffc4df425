import type { FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { webhookToSink } from '../test-support/flow-fixtures.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

// Embedded mode: the API, the ingress and the worker share one process and one event loop.
const [embedded] = testEnvironments();

/** webhook → http.request to the sink (so the test knows when the run got there) → transform */
function hostileFlow(sinkUrl: string, fields: Record<string, string>): FlowDefinition {
  const flow = webhookToSink(sinkUrl);
  return {
    ...flow,
    nodes: [
      ...flow.nodes,
      {
        id: 'map',
        type: 'data.transform',
        name: 'Map',
        position: { x: 0, y: 300 },
        config: { fields },
      },
    ],
    edges: [...flow.edges, { id: 'e-map', source: 'call', target: 'map' }],
  };
}

describe('Hostile expressions in a running app (embedded mode)', () => {
  let app: TestApp;
  let sink: HttpSink;
  let token: string;
  let teamId: string;

  const execution = async (id: string) =>
    (await app.request('GET', `/api/teams/${teamId}/executions/${id}`, { token })).body;
  const finished = async (id: string) => {
    await waitFor(
      async () => ['succeeded', 'failed'].includes((await execution(id)).status),
      60_000,
      `execution ${id} to finish`,
    );
    return execution(id);
  };
  /** Publishes a flow and delivers `body` to its trigger URL; the execution id. */
  const run = async (fields: Record<string, string>, body: unknown) => {
    const { hookUrl } = await app.publishFlow(
      token,
      teamId,
      'Hostile',
      hostileFlow(sink.url, fields),
    );
    const response = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { executionId: string }).executionId;
  };
  const mapStep = (executionRow: { steps: Array<{ nodeId: string }> }) =>
    executionRow.steps.find((step) => step.nodeId === 'map') as unknown as {
      status: string;
      output: Record<string, unknown> | null;
      error: { message: string; code: string } | null;
    };

  beforeAll(async () => {
    sink = await new HttpSink().start();
    app = await startTestApp(embedded, {
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      EXPRESSION_TIMEOUT_MS: '3000',
      EXPRESSION_MEMORY_MB: '64',
    });
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Mallory'));
  });
  afterAll(async () => {
    await app.stop();
    await sink.stop();
  });

  it('fails a step whose $pad is over the limit, at once and with a clear error', async () => {
    const id = await run({ padded: "{{ $pad('', 100000000) }}" }, {});
    const step = mapStep(await finished(id));

    expect(step.status).toBe('failed');
    expect(step.error).toMatchObject({
      code: 'EXPRESSION',
      message:
        'Step "Map", field "fields": $pad would build 100,000,000 characters; the limit is ' +
        "1,000,000 in {{ $pad('', 100000000) }}",
    });
  });

  it('keeps /healthz answering while an expression runs for seconds, then stops it', async () => {
    // Each $replace call is a single JSONata step of seconds, which used to hold the event loop.
    const slow = "{{ $replace($replace($pad('', 1000000, 'a'), /a/, 'bb'), /b/, 'cc') }}";
    const pings = sink.requests.length;
    const id = await run({ slow }, { n: 1 });
    await waitFor(
      async () => sink.requests.length > pings,
      30_000,
      'the run to reach the transform',
    );

    const answers: number[] = [];
    for (let i = 0; i < 8; i++) {
      answers.push((await fetch(`${app.url}/healthz`)).status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Every answer came while the expression was still running.
    expect(answers).toEqual(Array(8).fill(200));
    expect((await execution(id)).status).toBe('running');

    const step = mapStep(await finished(id));
    expect(step.status).toBe('failed');
    expect(step.error?.message).toBe(
      `Step "Map", field "fields": Expression took longer than 3000 ms in ${slow}`,
    );
  });

  it('stops an expression that allocates gigabytes without growing the process', async () => {
    const bomb = '{{ $map([1..100000], function($i) { [1..100000] }) }}';
    const before = process.memoryUsage().rss;
    const step = mapStep(await finished(await run({ bomb }, {})));

    // Usually the heap limit stops it; on a loaded machine garbage collection near the limit
    // can make the time limit come first. Either way it is stopped and the process stays small.
    expect(step.error?.message).toMatch(
      /^Step "Map", field "fields": Expression (needed more than 64 MB of memory|took longer than 3000 ms) in /,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('maps over arrays and runs a catastrophic regex in linear time, with plain JSON output', async () => {
    const id = await run(
      {
        ids: '{{ trigger.body.items.id }}',
        doubled: '{{ $map(trigger.body.items, function($i) { $i.id * 2 }) }}',
        big: '{{ trigger.body.items[id > 1].id }}',
        backtracks: '{{ $contains(trigger.body.s, /(a+)+$/) }}',
      },
      { items: [{ id: 1 }, { id: 2 }], s: 'a'.repeat(28) + 'b' },
    );
    const step = mapStep(await finished(id));

    expect(step.status).toBe('succeeded');
    expect(step.output).toEqual({ ids: [1, 2], doubled: [2, 4], big: 2, backtracks: false });
  });

  it('names the expression whose result is a function, without JSONata internals', async () => {
    const step = mapStep(await finished(await run({ fn: '{{ $uppercase }}' }, {})));

    expect(step.error?.message).toBe(
      'Step "Map", field "fields": The result contains a function; call it, or pick values, ' +
        'to get data out of it in {{ $uppercase }}',
    );
  });
});
