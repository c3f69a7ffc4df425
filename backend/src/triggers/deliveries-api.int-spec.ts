import type { FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

/** A POST webhook guarded by a header token, and nothing after it. */
const guardedHook: FlowDefinition = {
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'Hook',
      position: { x: 0, y: 0 },
      config: {
        methods: ['POST'],
        maxBodyBytes: 2_000_000,
        auth: { type: 'header', header: 'X-Token', value: 'right-token' },
      },
    },
  ],
  edges: [],
};

describe.each(testEnvironments())('Delivery list and replay ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let flowPath: string;
  let testUrl: string;

  beforeAll(async () => {
    app = await startTestApp(environment);
    const signed = await app.signup('Deliveries');
    token = signed.token;
    const flow = await app.request('POST', `/api/teams/${signed.team.id}/flows`, {
      token,
      body: { name: 'Guarded', definition: guardedHook },
    });
    expect(flow.status).toBe(201);
    flowPath = `/api/teams/${signed.team.id}/flows/${flow.body.id}`;
    testUrl = flow.body.testWebhookUrl as string;
  });
  afterAll(async () => {
    await app.stop();
  });

  const send = (body: string, headerToken: string) =>
    fetch(testUrl, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-token': headerToken },
    });
  const deliveries = async () =>
    (await app.request('GET', `${flowPath}/deliveries`, { token })).body.items as Array<
      Record<string, unknown>
    >;

  it('lists metadata and a 512-byte preview; the detail route has the whole body', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(1_000_000) });
    for (let i = 0; i < 5; i++) expect((await send(big, 'right-token')).status).toBe(202);

    const list = await app.request('GET', `${flowPath}/deliveries`, { token });
    const listBytes = JSON.stringify(list.body).length;
    expect(listBytes).toBeLessThan(20_000);
    const [item] = list.body.items as Array<Record<string, unknown>>;
    expect(item).not.toHaveProperty('rawBodyBase64');
    expect(item).toMatchObject({ sizeBytes: big.length, bodyTruncated: true });
    expect(item.bodyPreview).toBe(big.slice(0, 512));

    const detail = await app.request('GET', `${flowPath}/deliveries/${item.id as string}`, {
      token,
    });
    expect(detail.status).toBe(200);
    expect(Buffer.from(detail.body.rawBodyBase64 as string, 'base64').toString()).toBe(big);
    expect(detail.body).toMatchObject({ bodyTruncated: true, sizeBytes: big.length });
  });

  it('replays a rejected delivery only when forced, into the draft by default, marked as forced', async () => {
    expect((await send('{"forged":true}', 'wrong-token')).status).toBe(401);
    const rejected = (await deliveries()).find((d) => d.outcome === 'rejected')!;
    expect(rejected).toMatchObject({ reason: 'unauthorized', bodyPreview: '{"forged":true}' });
    const replayPath = `${flowPath}/deliveries/${rejected.id as string}/replay`;

    const refused = await app.request('POST', replayPath, { token, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('This delivery was rejected (unauthorized)');
    expect(refused.body.message).toContain('"force": true');
    const badFlag = await app.request('POST', replayPath, { token, body: { force: 'yes' } });
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.message).toContain('field "force"');

    const forced = await app.request('POST', replayPath, { token, body: { force: true } });
    expect(forced.status).toBe(202);
    const executionPath = `${flowPath.replace(/\/flows\/.*/, '')}/executions/${forced.body.executionId as string}`;
    let run: Record<string, unknown> = {};
    await waitFor(async () => {
      run = (await app.request('GET', executionPath, { token })).body;
      return run.status === 'succeeded' || run.status === 'failed';
    });
    expect(run).toMatchObject({
      status: 'succeeded',
      version: null,
      deliveryId: rejected.id,
      replay: { deliveryId: rejected.id, forced: true },
    });
  });

  it('replays an accepted delivery without the flag, marked as a plain replay', async () => {
    const accepted = (await deliveries()).find((d) => d.outcome === 'accepted')!;
    const replay = await app.request(
      'POST',
      `${flowPath}/deliveries/${accepted.id as string}/replay`,
      { token, body: { target: 'draft' } },
    );
    expect(replay.status).toBe(202);
    const run = await app.request(
      'GET',
      `${flowPath.replace(/\/flows\/.*/, '')}/executions/${replay.body.executionId as string}`,
      { token },
    );
    expect(run.body.replay).toEqual({ deliveryId: accepted.id, forced: false });
  });
});
