import type { FlowDefinition, FlowSummary } from '@hookflow/shared';
import { DataSource } from 'typeorm';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const hookWithSecret = (name: string, value: string): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    {
      id: 'start',
      type: 'trigger.webhook',
      name,
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth: { type: 'header', header: 'X-Key', value } },
    },
  ],
  edges: [],
});

describe.each(testEnvironments())('Flows API ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;
  let db: DataSource;

  const createFlow = async (name: string, definition?: FlowDefinition) => {
    const created = await app.request('POST', `/api/teams/${teamId}/flows`, {
      token,
      body: { name, definition },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  /** An execution row as a run `hoursAgo` hours back would have left it. */
  const insertRun = async (flowId: string, hoursAgo: number) => {
    const [row] = await db.query(
      `INSERT INTO hookflow.executions (team_id, flow_id, mode, status, trigger, created_at)
       VALUES ($1, $2, 'manual', 'succeeded', '{}', now() - make_interval(hours => $3))
       RETURNING id`,
      [teamId, flowId, hoursAgo],
    );
    return row.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp(environment);
    db = app.server.app.get(DataSource);
    ({ token } = await app.signup('Lister'));
    teamId = (await app.request('GET', '/api/me', { token })).body.teams[0].id;
  });
  afterAll(async () => {
    await app.stop();
  });

  describe('GET /api/teams/:teamId/flows', () => {
    it("shows each flow's last run and counts only the runs of the last 24 hours", async () => {
      const busy = await createFlow('Busy');
      const dormant = await createFlow('Dormant');
      const fresh = await createFlow('Fresh');

      await insertRun(busy, 30);
      const run = (flowId: string) =>
        app.request('POST', `/api/teams/${teamId}/flows/${flowId}/run`, {
          token,
          body: { payload: {} },
        });
      expect((await run(busy)).status).toBe(202);
      const newest = (await run(busy)).body.executionId as string;
      const old = await insertRun(dormant, 48);

      const list = await app.request('GET', `/api/teams/${teamId}/flows`, { token });
      expect(list.status).toBe(200);
      const byName = Object.fromEntries(
        (list.body as FlowSummary[]).map((flow) => [flow.name, flow]),
      );
      expect(byName.Busy).toMatchObject({
        id: busy,
        runsLast24h: 2,
        lastRun: { id: newest, status: expect.any(String), createdAt: expect.any(String) },
      });
      expect(Date.now() - Date.parse(byName.Busy.lastRun!.createdAt)).toBeLessThan(60_000);
      expect(byName.Dormant).toMatchObject({
        id: dormant,
        runsLast24h: 0,
        lastRun: { id: old, status: 'succeeded' },
      });
      expect(byName.Fresh).toMatchObject({ id: fresh, runsLast24h: 0, lastRun: null });
    });

    it('answers an empty list for a team without flows', async () => {
      const other = await app.signup('Empty');
      const list = await app.request('GET', `/api/teams/${other.team.id}/flows`, {
        token: other.token,
      });
      expect(list.body).toEqual([]);
    });
  });

  describe('published versions', () => {
    it('lists versions newest first and shows each immutable snapshot with secrets masked', async () => {
      const flowId = await createFlow('Versioned', hookWithSecret('Hook v1', 'first-secret-1234'));
      const base = `/api/teams/${teamId}/flows/${flowId}`;
      expect((await app.request('GET', `${base}/versions`, { token })).body).toEqual([]);

      expect((await app.request('POST', `${base}/publish`, { token })).body.version).toBe(1);
      await app.request('PATCH', base, {
        token,
        body: { definition: hookWithSecret('Hook v2', 'second-secret-5678') },
      });
      expect((await app.request('POST', `${base}/publish`, { token })).body.version).toBe(2);
      // The draft moves on; published versions do not.
      await app.request('PATCH', base, {
        token,
        body: { definition: hookWithSecret('Draft', '') },
      });

      const versions = await app.request('GET', `${base}/versions`, { token });
      expect(versions.status).toBe(200);
      const me = (await app.request('GET', '/api/me', { token })).body.user;
      expect(versions.body).toEqual([
        {
          version: 2,
          publishedAt: expect.any(String),
          publishedBy: { userId: me.id, name: 'Lister' },
        },
        expect.objectContaining({ version: 1, publishedBy: { userId: me.id, name: 'Lister' } }),
      ]);

      const first = await app.request('GET', `${base}/versions/1`, { token });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: 1, publishedBy: { name: 'Lister' } });
      expect(first.body.definition.nodes[0].name).toBe('Hook v1');
      expect(first.body.definition.nodes[0].config.auth).toEqual({
        type: 'header',
        header: 'X-Key',
        value: '••••••',
      });
      const second = await app.request('GET', `${base}/versions/2`, { token });
      expect(second.body.definition.nodes[0].name).toBe('Hook v2');
      expect(JSON.stringify([first.body, second.body])).not.toMatch(/first-secret|second-secret/);
    });

    it('answers 404 for an unknown version and for another team', async () => {
      const flowId = await createFlow('Once', hookWithSecret('Hook', 'once-secret-0000'));
      const base = `/api/teams/${teamId}/flows/${flowId}`;
      await app.request('POST', `${base}/publish`, { token });
      for (const version of ['2', '0', '-1', 'latest', '1.5']) {
        const response = await app.request('GET', `${base}/versions/${version}`, { token });
        expect({ version, status: response.status }).toEqual({ version, status: 404 });
      }
      const stranger = await app.signup('Stranger');
      for (const path of [`${base}/versions`, `${base}/versions/1`]) {
        const response = await app.request('GET', path, { token: stranger.token });
        expect(response.status).toBe(404);
      }
      const elsewhere = `/api/teams/${stranger.team.id}/flows/${flowId}/versions/1`;
      expect((await app.request('GET', elsewhere, { token: stranger.token })).status).toBe(404);
    });

    it('documents the version number as an integer path parameter', async () => {
      const docs = await app.request('GET', '/api/docs-json');
      const route = docs.body.paths['/api/teams/{teamId}/flows/{flowId}/versions/{version}'].get;
      const params = route.parameters.filter((param: { in: string }) => param.in === 'path');
      expect(params.map((param: { name: string }) => param.name).sort()).toEqual([
        'flowId',
        'teamId',
        'version',
      ]);
      expect(params.find((param: { name: string }) => param.name === 'version').schema.type).toBe(
        'integer',
      );
    });
  });
});
