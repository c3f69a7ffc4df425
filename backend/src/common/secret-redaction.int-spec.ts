import type { FlowDefinition } from '@hookflow/shared';
import { DataSource } from 'typeorm';
import { CapturedOutput } from '../test-support/captured-output.js';
import { testEnvironments } from '../test-support/environments.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

// Planted secrets, each distinctive enough that finding it anywhere means it leaked.
const SECRETS = {
  urlPassword: 'PlantedUrlPass7731',
  apiKey: 'PlantedApiKey5512',
  bearer: 'PlantedBearer99887766',
  queryToken: 'PlantedQueryToken4242',
  triggerToken: 'PlantedXToken4411',
};

const step = (id: string, y: number, config: Record<string, unknown>) => ({
  id,
  type: 'http.request',
  name: id,
  position: { x: 0, y },
  retry: { attempts: 1, backoff: 'fixed' as const, delayMs: 100 },
  config,
});

/** webhook (header auth) → GET with an api_key, a query token and a literal bearer header. */
function callingFlow(sinkUrl: string, second?: Record<string, unknown>): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        name: 'Hook',
        position: { x: 0, y: 0 },
        config: {
          methods: ['POST'],
          auth: { type: 'header', header: 'X-Token', value: SECRETS.triggerToken },
        },
      },
      step('call', 100, {
        method: 'GET',
        url: `${sinkUrl}/ok?api_key=${SECRETS.apiKey}`,
        query: { token: SECRETS.queryToken },
        headers: { Authorization: `Bearer ${SECRETS.bearer}` },
      }),
      ...(second ? [step('second', 200, second)] : []),
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'call' },
      ...(second ? [{ id: 'e2', source: 'call', target: 'second' }] : []),
    ],
  };
}

describe.each(testEnvironments())('secrets stay redacted ($name mode)', (environment) => {
  let app: TestApp;
  let sink: HttpSink;
  let token: string;
  let teamId: string;
  let db: DataSource;
  const logs = new CapturedOutput();
  const seen: string[] = [];

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(method, `/api/teams/${teamId}${path}`, { token, body });
    seen.push(JSON.stringify(response.body));
    return response;
  };
  const settled = async (id: string) => {
    await waitFor(
      async () =>
        ['succeeded', 'failed', 'canceled'].includes(
          (await api('GET', `/executions/${id}`)).body.status,
        ),
      30_000,
      `execution ${id}`,
    );
    return (await api('GET', `/executions/${id}`)).body;
  };
  /** The live stream of a run, read until it ends or for a second. */
  const streamOf = async (id: string) => {
    const response = await fetch(`${app.url}/api/teams/${teamId}/executions/${id}/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(1000),
    });
    let text = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body!) text += decoder.decode(chunk as Uint8Array);
    } catch {
      // the timeout ended the read
    }
    seen.push(text);
    return text;
  };
  const createFlow = async (name: string, definition: FlowDefinition) => {
    const created = await api('POST', '/flows', { name, definition });
    expect(created.status).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    sink = await new HttpSink().start();
    logs.start();
    app = await startTestApp(environment, {
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      LOG_LEVEL: 'debug',
    });
    db = app.server.app.get(DataSource);
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Keeper'));
  });
  afterAll(async () => {
    logs.stop();
    await app.stop();
    await sink.stop();
  });

  it('runs flows of every kind with planted secrets, which then appear nowhere', async () => {
    const credentialed = `http://u:${SECRETS.urlPassword}@${sink.url.slice('http://'.length)}`;

    // A normal run, through the trigger URL: the step really sends the secrets.
    const normal = await createFlow('Normal', callingFlow(sink.url));
    expect(normal.definition.nodes[1].config.url).toBe(`${sink.url}/ok?api_key=[redacted]`);
    expect(normal.definition.nodes[1].config.headers.Authorization).toBe('••••••');
    // Saving back what the editor was shown keeps the sealed values (the run below proves it).
    const saved = await api('PATCH', `/flows/${normal.id}`, { definition: normal.definition });
    expect(saved.status).toBe(200);
    expect((await api('POST', `/flows/${normal.id}/publish`)).status).toBe(200);
    const hookUrl = `${app.url}/hooks/${normal.webhookUrl.split('/hooks/')[1]}`;
    const delivered = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token': SECRETS.triggerToken },
      body: '{"n":1}',
    });
    expect(delivered.status).toBe(202);
    const normalRun = await settled(
      ((await delivered.json()) as { executionId: string }).executionId,
    );
    expect(normalRun.status).toBe('succeeded');
    const sent = sink.requests.at(-1)!;
    expect(sent.url).toBe(`/ok?api_key=${SECRETS.apiKey}&token=${SECRETS.queryToken}`);
    expect(sent.headers.authorization).toBe(`Bearer ${SECRETS.bearer}`);
    await streamOf(normalRun.id);

    // A failing step whose URL carries a password: the error names the URL without it.
    const failing = await createFlow(
      'Failing',
      callingFlow(sink.url, {
        method: 'POST',
        url: `${credentialed}/fail?api_key=${SECRETS.apiKey}`,
      }),
    );
    const failedRun = await settled(
      (await api('POST', `/flows/${failing.id}/run`, { payload: {} })).body.executionId,
    );
    expect(failedRun.status).toBe('failed');
    const failedStep = failedRun.steps.find((s: { nodeId: string }) => s.nodeId === 'second');
    expect(failedStep.error.message).toMatch(/\/fail: its URL includes a user or password/);
    expect(failedStep.error.message).not.toContain(SECRETS.urlPassword);
    await streamOf(failedRun.id);

    // A dry run describes the POST it did not send, credentials and all.
    const dry = await createFlow(
      'Dry',
      callingFlow(sink.url, {
        method: 'POST',
        url: `${credentialed}/dry?api_key=${SECRETS.apiKey}`,
        body: 'x',
      }),
    );
    const dryRun = await settled(
      (await api('POST', `/flows/${dry.id}/run`, { payload: {}, dryRun: true })).body.executionId,
    );
    expect(dryRun.status).toBe('succeeded');
    const described = dryRun.steps.find((s: { nodeId: string }) => s.nodeId === 'second');
    expect(described.output.request.url).toContain('[redacted]');
    await streamOf(dryRun.id);

    // A delivery to a disabled flow is recorded, its X-Token hidden.
    expect((await api('POST', `/flows/${normal.id}/disable`)).status).toBe(200);
    const refused = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token': SECRETS.triggerToken },
      body: '{"n":2}',
    });
    expect(refused.status).toBe(503);
    const deliveries = await api('GET', `/flows/${normal.id}/deliveries`);
    expect(deliveries.body.items[0].reason).toBe('flow_disabled');
    expect(deliveries.body.items[0].headers['x-token']).toBe('[redacted]');

    for (const flow of [normal, failing, dry]) {
      await api('GET', `/flows/${flow.id}`);
      await api('GET', `/flows/${flow.id}/versions`);
    }
    await api('GET', `/flows/${normal.id}/versions/1`);

    // Every row of every table (credentials hold secrets, encrypted), every answer, every log line.
    const tables: { name: string }[] = await db.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'hookflow' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['flows', 'flow_versions', 'executions', 'step_runs', 'deliveries']),
    );
    const rows: string[] = [];
    for (const { name } of tables) {
      const found: { row: string }[] = await db.query(
        `SELECT row_to_json(t)::text AS row FROM hookflow."${name}" t`,
      );
      rows.push(...found.map((r) => `${name}: ${r.row}`));
    }
    const places = { rows: rows.join('\n'), answers: seen.join('\n'), logs: logs.text };
    for (const [where, text] of Object.entries(places)) {
      for (const [what, secret] of Object.entries(SECRETS)) {
        expect({ where, what, leaked: text.includes(secret) }).toEqual({
          where,
          what,
          leaked: false,
        });
      }
    }
  });
});
