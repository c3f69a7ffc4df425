import { jest } from '@jest/globals';
import type { FlowDefinition } from '@hookflow/shared';
import pg from 'pg';
import { testEnvironments } from '../test-support/environments.js';
import { HookflowProcess } from '../test-support/hookflow-process.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

// The api process is killed (kill -9) while senders keep requests in flight, so group-commit
// batches are pending or committing at that moment. The worker lives on in this process.
// Server modes only: in embedded mode the api and the worker are one process, whose kill the
// crash-resume suite covers.

const SENDERS = 12;
/** Bounded load: the kill comes after this many 2xx answers; no more requests than the cap. */
const KILL_AFTER_ACCEPTED = 40;
const MAX_REQUESTS = 400;
const REQUEST_TIMEOUT_MS = 20_000;

const forward = (sinkUrl: string): FlowDefinition => ({
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
      id: 'send',
      type: 'http.request',
      name: 'Send',
      position: { x: 0, y: 100 },
      config: { method: 'POST', url: sinkUrl, body: '{{ trigger.body }}' },
    },
  ],
  edges: [{ id: 'e1', source: 'hook', target: 'send' }],
});

/** `reset`: the connection broke with the request sent; `refused`: the process was already gone. */
type Outcome = 'accepted' | 'server-error' | 'reset' | 'refused' | 'other';

const outcomeOf = (status: number): Outcome =>
  status >= 200 && status < 300 ? 'accepted' : status >= 500 ? 'server-error' : 'other';

/**
 * SENDERS loops posting `{n}` bodies, each sending again as soon as it is answered. Once enough
 * were accepted the api is killed while the senders go on, so requests are in flight (queued for
 * a batch, or in one being committed) when it dies; each sender stops at its first failure.
 */
async function loadUntilKilled(
  hookUrl: string,
  api: HookflowProcess,
): Promise<Map<number, Outcome>> {
  const outcomes = new Map<number, Outcome>();
  let next = 0;
  let accepted = 0;
  let killed: Promise<void> | undefined;
  const sender = async () => {
    while (next < MAX_REQUESTS) {
      const n = next++;
      try {
        const response = await fetch(hookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ n }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        outcomes.set(n, outcomeOf(response.status));
        if (outcomes.get(n) === 'accepted' && ++accepted === KILL_AFTER_ACCEPTED)
          killed = api.kill();
      } catch (error) {
        const code = ((error as Error).cause as { code?: string } | undefined)?.code;
        outcomes.set(n, code === 'ECONNREFUSED' ? 'refused' : 'reset');
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  if (!killed) throw new Error(`only ${accepted} of ${MAX_REQUESTS} requests were accepted`);
  await killed;
  return outcomes;
}

async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface Recorded {
  n: number;
  outcome: string;
  executionId: string | null;
  executionFound: boolean;
  status: string | null;
}

async function recorded(databaseUrl: string, flowId: string): Promise<Recorded[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Recorded>(
      `SELECT (convert_from(d.raw_body, 'UTF8')::jsonb->>'n')::int AS n, d.outcome,
              d.execution_id AS "executionId", e.id IS NOT NULL AS "executionFound", e.status
         FROM hookflow.deliveries d LEFT JOIN hookflow.executions e ON e.id = d.execution_id
        WHERE d.flow_id = $1`,
      [flowId],
    );
    return rows;
  } finally {
    await client.end();
  }
}

jest.setTimeout(60_000);

const serverEnvironments = testEnvironments().filter(
  (environment) => environment.name !== 'embedded',
);
const describeServers = serverEnvironments.length ? describe.each(serverEnvironments) : undefined;

describeServers?.('The api process killed mid-batch ($name mode)', (environment) => {
  const sink = new HttpSink();
  let worker: TestApp;
  let api: HookflowProcess;
  let hookUrl: string;
  let flowId: string;

  // Everything boots before any load: a busy machine slows boots, never the measured part.
  beforeAll(async () => {
    await sink.start();
    worker = await startTestApp(environment, {
      ROLE: 'worker',
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
    });
    api = await new HookflowProcess({ ...worker.env, ROLE: 'api' }).start();
    const signup = await post(`${api.url}/api/auth/signup`, {
      email: `crash-${environment.name}@example.com`,
      password: 'crash test password',
      name: 'Crash',
      session: 'bearer',
    });
    const { token, team } = signup as { token: string; team: { id: string } };
    const flows = `${api.url}/api/teams/${team.id}/flows`;
    const flow = (await post(flows, { name: 'Forward', definition: forward(sink.url) }, token)) as {
      id: string;
    };
    flowId = flow.id;
    const published = await post(`${flows}/${flowId}/publish`, undefined, token);
    hookUrl = (published as { webhookUrl: string }).webhookUrl;
  }, 120_000);
  afterAll(async () => {
    await api?.kill();
    await worker?.stop();
    await sink.stop();
  });

  it('keeps every 2xx, none of the 5xx, and at most the resets of requests in flight', async () => {
    const outcomes = await loadUntilKilled(hookUrl, api);
    const numbers = (outcome: Outcome) =>
      [...outcomes].filter(([, o]) => o === outcome).map(([n]) => n);
    const accepted = numbers('accepted');
    const resets = numbers('reset');
    expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER_ACCEPTED);
    expect(numbers('other')).toEqual([]);
    // The kill came mid-flight: requests lost their connection, at most one per sender (each
    // has one request in flight at a time, and stops at its first failure).
    expect(resets.length).toBeGreaterThan(0);
    expect(resets.length).toBeLessThanOrEqual(SENDERS);

    // The worker (still alive) runs what was committed; a commit whose queue hand-off died with
    // the api is picked up by the outbox sweep (10 s after creation, every 10 s).
    const databaseUrl = worker.env.DATABASE_URL;
    let rows: Recorded[] = [];
    await waitFor(
      async () => {
        rows = await recorded(databaseUrl, flowId);
        return rows.length > 0 && rows.every((row) => row.status === 'succeeded');
      },
      35_000,
      'every recorded execution to succeed',
    );
    const byNumber = new Map(rows.map((row) => [row.n, row]));
    expect(byNumber.size).toBe(rows.length); // one delivery per request

    // Every 2xx: its delivery, accepted, with its execution, which ran and reached the sink.
    const sent = new Set(
      sink.requests.map((request) => (JSON.parse(request.body) as { n: number }).n),
    );
    for (const n of accepted) {
      expect(byNumber.get(n)).toMatchObject({ outcome: 'accepted', executionFound: true });
      expect(sent.has(n)).toBe(true);
    }
    // No 5xx and no refused connection left a row. Every other row belongs to a reset request: the
    // process can die after COMMIT and before writing the 202, so a reset may follow a commit —
    // the most a durable ingress can promise — and those are bounded by the requests in flight.
    // Such a run still runs: its execution was committed with its delivery.
    const unacknowledged = rows.filter((row) => outcomes.get(row.n) !== 'accepted');
    for (const row of unacknowledged) expect(outcomes.get(row.n)).toBe('reset');
    for (const row of unacknowledged) expect(sent.has(row.n)).toBe(true);
  });
});
