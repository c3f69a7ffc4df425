import type { FlowDefinition } from '@hookflow/shared';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testEnvironments } from '../test-support/environments.js';
import { webhookToSink } from '../test-support/flow-fixtures.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

interface SinkCall {
  path: string;
  body: { customer?: string; seq?: number };
  start: number;
  end: number;
}

/** A receiver on 127.0.0.1 that answers after `delayMs`, recording when each call was in flight. */
class SlowSink {
  readonly calls: SinkCall[] = [];
  private server?: Server;
  url = '';

  constructor(private readonly delayMs: number) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const call: SinkCall = {
          path: req.url ?? '',
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
          start: Date.now(),
          end: Number.POSITIVE_INFINITY,
        };
        this.calls.push(call);
        setTimeout(() => {
          // Marked finished before the answer leaves, so the next run cannot seem to overlap it.
          call.end = Date.now();
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  to(path: string): SinkCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** The most calls that were in flight at the same moment. */
function peakOverlap(calls: SinkCall[]): number {
  const edges = calls.flatMap((call) => [
    { at: call.start, delta: 1 },
    { at: call.end, delta: -1 },
  ]);
  // At equal times, an end comes before a start: touching is not overlapping.
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const edge of edges) {
    current += edge.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

describe.each(testEnvironments())(
  'Per-flow concurrency and ordering keys ($name mode)',
  (environment) => {
    let app: TestApp;
    let sink: SlowSink;
    let token: string;
    let teamId: string;

    const publish = (name: string, definition: FlowDefinition) =>
      app.publishFlow(token, teamId, name, definition);
    const deliver = async (hookUrl: string, body: unknown) => {
      const response = await fetch(hookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(202);
      return ((await response.json()) as { executionId: string }).executionId;
    };
    const statuses = async (flowId: string) =>
      (
        await app.request('GET', `/api/teams/${teamId}/executions?flowId=${flowId}&limit=100`, {
          token,
        })
      ).body.items.map((item: { status: string }) => item.status) as string[];

    beforeAll(async () => {
      sink = await new SlowSink(400).start();
      app = await startTestApp(environment, {
        OUTBOUND_ALLOWLIST: '127.0.0.1/32',
        WORKER_CONCURRENCY: '8',
      });
      ({
        token,
        team: { id: teamId },
      } = await app.signup('Limiter'));
    });
    afterAll(async () => {
      await app?.stop();
      await sink?.stop();
    });

    it('never runs two executions of a flow with concurrency 1 at once; held runs stay queued, all finish', async () => {
      const { flowId, hookUrl } = await publish(
        'One at a time',
        webhookToSink(`${sink.url}/limited`, { trigger: { concurrency: 1 } }),
      );
      const ids = await Promise.all([1, 2, 3, 4].map((seq) => deliver(hookUrl, { seq })));

      let peakRunning = 0;
      let sawQueuedBehindRunning = false;
      await waitFor(
        async () => {
          const seen = await statuses(flowId);
          const running = seen.filter((status) => status === 'running').length;
          peakRunning = Math.max(peakRunning, running);
          if (running === 1 && seen.includes('queued')) sawQueuedBehindRunning = true;
          return seen.length === 4 && seen.every((status) => status === 'succeeded');
        },
        45_000,
        'all four runs to succeed',
      );

      const calls = sink.to('/limited');
      expect(calls.map((call) => call.body.seq).sort()).toEqual([1, 2, 3, 4]);
      expect(peakOverlap(calls)).toBe(1);
      expect(peakRunning).toBe(1);
      expect(sawQueuedBehindRunning).toBe(true);
      expect(ids).toHaveLength(4);
    }, 60_000);

    it('frees the slot of a run waiting on flow.delay, which resumes once a slot is free again', async () => {
      const definition = webhookToSink(`${sink.url}/delayed`, {
        trigger: { concurrency: 1 },
        delayMs: '{{ trigger.body.waitMs }}',
      });
      const { flowId, hookUrl } = await publish('Delayed', definition);
      await deliver(hookUrl, { seq: 1, waitMs: 2500 });
      await waitFor(async () => (await statuses(flowId))[0] === 'waiting', 15_000, 'the delay');
      await deliver(hookUrl, { seq: 2, waitMs: 0 });

      await waitFor(
        async () => (await statuses(flowId)).every((status) => status === 'succeeded'),
        30_000,
        'both runs to succeed',
      );
      const calls = sink.to('/delayed');
      // The second run did not wait for the first one's delay to end.
      expect(calls.map((call) => call.body.seq)).toEqual([2, 1]);
      expect(peakOverlap(calls)).toBe(1);
    }, 60_000);

    it('runs same-key executions one at a time in arrival order, different keys in parallel', async () => {
      const { flowId, hookUrl } = await publish(
        'Per customer',
        webhookToSink(`${sink.url}/ordered`, {
          trigger: { orderingKey: '{{ trigger.body.customer }}' },
        }),
      );
      // Awaited one by one, so arrival order is defined: a1, b1, a2, b2, a3, b3.
      for (const seq of [1, 2, 3])
        for (const customer of ['a', 'b']) await deliver(hookUrl, { customer, seq });

      await waitFor(
        async () => {
          const seen = await statuses(flowId);
          return seen.length === 6 && seen.every((status) => status === 'succeeded');
        },
        45_000,
        'all six runs to succeed',
      );

      const calls = sink.to('/ordered');
      expect(calls).toHaveLength(6);
      for (const customer of ['a', 'b']) {
        const mine = calls.filter((call) => call.body.customer === customer);
        expect(mine.map((call) => call.body.seq)).toEqual([1, 2, 3]);
        expect(peakOverlap(mine)).toBe(1);
      }
      // Nothing held a and b apart: their runs overlapped at the sink.
      expect(peakOverlap(calls)).toBe(2);
    }, 60_000);
  },
);
