import { SAMPLE_TRUNCATED, type FlowDefinition, type FlowSampleData } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

/** webhook → transform: the transform's output echoes what the request carried. */
const echoFlow: FlowDefinition = {
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'Order in',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'] },
    },
    {
      id: 'shape',
      type: 'data.transform',
      name: 'Shape',
      position: { x: 0, y: 100 },
      config: {
        fields: {
          order: '{{ trigger.body.order }}',
          link: '{{ trigger.body.link }}',
          note: '{{ trigger.body.note }}',
        },
      },
    },
  ],
  edges: [{ id: 'e1', source: 'hook', target: 'shape' }],
};

describe.each(testEnvironments())('Flow sample data ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;
  let flowId: string;
  let hookUrl: string;
  let testHookUrl: string;

  const samples = async (as = token, team = teamId, flow = flowId) =>
    app.request<FlowSampleData>('GET', `/api/teams/${team}/flows/${flow}/sample-data`, {
      token: as,
    });
  const deliver = async (url: string, body: unknown) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
    const { executionId } = (await response.json()) as { executionId: string };
    await waitFor(
      async () =>
        (
          await app.request<{ status: string }>(
            'GET',
            `/api/teams/${teamId}/executions/${executionId}`,
            {
              token,
            },
          )
        ).body.status === 'succeeded',
      20_000,
      `execution ${executionId}`,
    );
    return executionId;
  };

  beforeAll(async () => {
    app = await startTestApp(environment);
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Picker'));
    ({ flowId, hookUrl, testHookUrl } = await app.publishFlow(token, teamId, 'Echo', echoFlow));
  });
  afterAll(() => app.stop());

  it('is empty before anything ran', async () => {
    const response = await samples();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ nodes: {} });
  });

  it('gives each step its last output, test runs and test requests first, secrets redacted', async () => {
    const production = await deliver(hookUrl, {
      order: 'prod-1',
      link: 'https://ada:hunter2@shop.example.com/orders',
    });
    let { body } = await samples();
    expect(body.nodes.hook).toMatchObject({ source: 'captured event', executionId: production });
    expect(body.nodes.hook.output).toMatchObject({ body: { order: 'prod-1' } });
    expect(body.nodes.shape).toMatchObject({
      source: 'last run',
      executionId: production,
      truncated: false,
      output: { order: 'prod-1', link: 'https://ada:[redacted]@shop.example.com/orders' },
    });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(Date.parse(body.nodes.shape.at)).toBeGreaterThan(Date.now() - 60_000);

    const test = await deliver(testHookUrl, { order: 'test-1' });
    // A newer production run does not push the test run's output aside.
    await deliver(hookUrl, { order: 'prod-2' });
    ({ body } = await samples());
    expect(body.nodes.hook).toMatchObject({
      source: 'captured event',
      executionId: test,
      output: { body: { order: 'test-1' } },
    });
    expect(body.nodes.shape).toMatchObject({
      source: 'test run',
      executionId: test,
      output: { order: 'test-1' },
    });
  });

  it('cuts big outputs and marks them', async () => {
    await deliver(testHookUrl, { order: 'big', note: 'x'.repeat(50_000) });
    const { body } = await samples();
    const shape = body.nodes.shape;
    expect(shape.truncated).toBe(true);
    const note = (shape.output as { note: string }).note;
    expect(note.endsWith(SAMPLE_TRUNCATED)).toBe(true);
    expect(note.length).toBeLessThan(5_000);
    expect(JSON.stringify(body).length).toBeLessThan(20_000);
  });

  it("answers 404 for another team's flow, a malformed id, and 401 without a session", async () => {
    const stranger = await app.signup('Stranger');
    expect((await samples(stranger.token, stranger.team.id, flowId)).status).toBe(404);
    expect((await samples(token, teamId, 'not-a-uuid')).status).toBe(404);
    expect(
      (await app.request('GET', `/api/teams/${teamId}/flows/${flowId}/sample-data`)).status,
    ).toBe(401);
  });
});
