import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const NOT_A_UUID = 'not-a-uuid';

describe.each(testEnvironments())(
  'REST input the database cannot take ($name mode)',
  (environment) => {
    let app: TestApp;
    let token: string;
    let teamId: string;
    let flowId: string;

    beforeAll(async () => {
      app = await startTestApp(environment);
      ({ token } = await app.signup('Strict'));
      teamId = (await app.request('GET', '/api/me', { token })).body.teams[0].id;
      flowId = (
        await app.request('POST', `/api/teams/${teamId}/flows`, { token, body: { name: 'Ok' } })
      ).body.id;
    });
    afterAll(async () => {
      await app.stop();
    });

    it.each([
      ['a flow name', 'POST', () => `/api/teams/${teamId}/flows`, { name: 'a\u0000b' }, 'name'],
      [
        'a flow rename',
        'PATCH',
        () => `/api/teams/${teamId}/flows/${flowId}`,
        { name: '\u0000' },
        'name',
      ],
      ['a team name', 'POST', () => '/api/teams', { name: 'Team\u0000' }, 'name'],
      [
        'a credential name',
        'POST',
        () => `/api/teams/${teamId}/credentials`,
        { name: 'c\u0000', type: 'http.bearer', data: { token: 't' } },
        'name',
      ],
      [
        'a signup name',
        'POST',
        () => '/api/auth/signup',
        { email: 'nul@example.com', password: 'correct horse battery', name: 'N\u0000' },
        'name',
      ],
      [
        'a key inside a definition',
        'PATCH',
        () => `/api/teams/${teamId}/flows/${flowId}`,
        {
          definition: {
            schemaVersion: 1,
            nodes: [
              {
                id: 'n',
                type: 'flow.transform',
                name: 'T',
                position: { x: 0, y: 0 },
                config: { values: { 'k\u0000': 1 } },
              },
            ],
            edges: [],
          },
        },
        'definition.nodes.0.config.values.k\u0000',
      ],
    ])('answers 400 naming the field for a NUL in %s', async (_, method, path, body, field) => {
      const response = await app.request(method, path(), { token, body });
      expect(response.status).toBe(400);
      expect(response.body.issues).toEqual([{ field, message: expect.stringMatching(/NUL/) }]);
      expect(response.body.message).toContain(`field "${field}"`);
    });

    it('answers 400 for a lone surrogate and for absurd nesting', async () => {
      const surrogate = await app.request('POST', `/api/teams/${teamId}/flows`, {
        token,
        rawBody: '{"name":"x\\ud800"}',
        headers: { 'content-type': 'application/json' },
      });
      expect(surrogate.status).toBe(400);
      expect(surrogate.body.message).toMatch(/field "name": .*surrogate/);
      const deep = await app.request('POST', `/api/teams/${teamId}/flows`, {
        token,
        rawBody: `{"name":"x","definition":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(deep.status).toBe(400);
      expect(deep.body.message).toMatch(/nested deeper/);
    });

    it('keeps nothing from a refused body', async () => {
      const list = await app.request('GET', `/api/teams/${teamId}/flows`, { token });
      expect(list.status).toBe(200);
      expect(list.body.map((flow: { name: string }) => flow.name)).toEqual(['Ok']);
    });

    it.each([
      ['flowId', () => `/api/teams/${teamId}/executions?flowId=${NOT_A_UUID}`],
      ['flowId', () => `/api/teams/${teamId}/executions?flowId=%00`],
      ['cursor', () => `/api/teams/${teamId}/executions?cursor=garbage`],
      // A well-formed date but an id that is not a UUID.
      [
        'cursor',
        () =>
          `/api/teams/${teamId}/executions?cursor=${Buffer.from('2026-01-01T00:00:00.000Z|x').toString('base64url')}`,
      ],
      ['cursor', () => `/api/teams/${teamId}/flows/${flowId}/deliveries?cursor=garbage`],
      ['limit', () => `/api/teams/${teamId}/executions?limit=abc`],
      ['status', () => `/api/teams/${teamId}/executions?status=%00`],
    ])('answers 400 naming %s for a malformed list parameter', async (field, path) => {
      const response = await app.request('GET', path(), { token });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(`field "${field}"`);
    });

    it.each([
      () => `/api/teams/${teamId}/flows/${NOT_A_UUID}`,
      () => `/api/teams/${teamId}/executions/${NOT_A_UUID}`,
      () => `/api/teams/${teamId}/flows/${NOT_A_UUID}/deliveries`,
      () => `/api/teams/${teamId}/flows/${flowId}/deliveries/${NOT_A_UUID}`,
      () => `/api/teams/${teamId}/credentials/${NOT_A_UUID}`,
      () => `/api/teams/${teamId}/templates/${NOT_A_UUID}`,
      () => `/api/teams/${NOT_A_UUID}/flows`,
    ])('answers 404 for an id that is not a UUID (%#)', async (path) => {
      const response = await app.request('GET', path(), { token });
      expect(response.status).toBe(404);
    });
  },
);
