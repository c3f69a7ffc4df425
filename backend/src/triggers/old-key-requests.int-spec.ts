import {
  OLD_KEY_REQUESTS_PER_TEAM,
  type FlowDefinition,
  type OldKeyRequests,
} from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const hookFlow: FlowDefinition = {
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'Hook',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth: { type: 'none' } },
    },
  ],
  edges: [],
};

const BARE_404 = { statusCode: 404, error: 'Not Found', message: 'Not Found' };

describe.each(testEnvironments())('Requests to old trigger URLs ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;

  const post = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      body: '{"hello":"old"}',
      headers: { 'content-type': 'application/json', ...headers },
    });
  const oldRequests = async (path: string, as = token) => {
    const response = await app.request('GET', `/api/teams/${teamId}${path}`, { token: as });
    return { status: response.status, body: response.body as OldKeyRequests };
  };

  beforeAll(async () => {
    app = await startTestApp(environment);
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Old keys'));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('records requests to a regenerated key, answers them a bare 404, and lists them for the flow', async () => {
    const flow = await app.publishFlow(token, teamId, 'Orders', hookFlow);
    expect((await post(flow.hookUrl)).status).toBe(202);
    const regenerated = await app.request(
      'POST',
      `/api/teams/${teamId}/flows/${flow.flowId}/regenerate-trigger-key`,
      { token },
    );
    expect(regenerated.status).toBe(200);

    for (const url of [flow.hookUrl, flow.hookUrl, flow.testHookUrl]) {
      const response = await post(url, { authorization: 'Bearer provider-token' });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(BARE_404);
    }
    // The new URL works as before.
    expect((await post(regenerated.body.webhookUrl)).status).toBe(202);

    const listed = await oldRequests(`/flows/${flow.flowId}/old-key-requests`);
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(3);
    expect(listed.body.lastRetiredAt).toEqual(expect.any(String));
    expect(listed.body.items.map((item) => item.mode)).toEqual([
      'test',
      'production',
      'production',
    ]);
    expect(listed.body.items[0]).toMatchObject({
      flowId: flow.flowId,
      flowName: 'Orders',
      cause: 'regenerated',
      method: 'POST',
      contentType: 'application/json',
      sizeBytes: 15,
    });
    expect(listed.body.items[0].headers.authorization).toBe('[redacted]');
    expect(Date.parse(listed.body.items[2].receivedAt)).toBeGreaterThanOrEqual(
      Date.parse(listed.body.lastRetiredAt!),
    );
  });

  it('keeps requests to a deleted flow’s key for the team', async () => {
    const flow = await app.publishFlow(token, teamId, 'Gone soon', hookFlow);
    const deleted = await app.request('DELETE', `/api/teams/${teamId}/flows/${flow.flowId}`, {
      token,
    });
    expect(deleted.status).toBeLessThan(300);
    const response = await post(flow.hookUrl);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(BARE_404);

    const listed = await oldRequests('/old-key-requests');
    expect(listed.body.items[0]).toMatchObject({
      flowId: flow.flowId,
      flowName: 'Gone soon',
      cause: 'deleted',
    });
  });

  it('records nothing for a key that never existed', async () => {
    const before = (await oldRequests('/old-key-requests')).body.total;
    const response = await post(`${app.url}/hooks/never-issued-key-0123456789`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(BARE_404);
    expect((await oldRequests('/old-key-requests')).body.total).toBe(before);
  });

  it('never shows one team’s old-key requests to another', async () => {
    const stranger = await app.signup('Stranger');
    const own = await app.request('GET', `/api/teams/${stranger.team.id}/old-key-requests`, {
      token: stranger.token,
    });
    expect(own.body).toEqual({ total: 0, lastRetiredAt: null, items: [] });
    const flow = await app.publishFlow(token, teamId, 'Private', hookFlow);
    const theirs = await app.request(
      'GET',
      `/api/teams/${stranger.team.id}/flows/${flow.flowId}/old-key-requests`,
      { token: stranger.token },
    );
    expect(theirs.status).toBe(404);
    const foreignTeam = await app.request('GET', `/api/teams/${teamId}/old-key-requests`, {
      token: stranger.token,
    });
    expect([403, 404]).toContain(foreignTeam.status);
  });

  it(`keeps at most ${OLD_KEY_REQUESTS_PER_TEAM} per team, also when they arrive together`, async () => {
    const team = await app.signup('Busy sender');
    const flow = await app.publishFlow(team.token, team.team.id, 'Busy', hookFlow);
    await app.request(
      'POST',
      `/api/teams/${team.team.id}/flows/${flow.flowId}/regenerate-trigger-key`,
      { token: team.token },
    );
    const extra = 5;
    for (let sent = 0; sent < OLD_KEY_REQUESTS_PER_TEAM + extra; sent += 25)
      await Promise.all(Array.from({ length: 25 }, () => post(flow.hookUrl)));
    const listed = await app.request('GET', `/api/teams/${team.team.id}/old-key-requests`, {
      token: team.token,
    });
    expect(listed.body.total).toBe(OLD_KEY_REQUESTS_PER_TEAM);
  });
});
