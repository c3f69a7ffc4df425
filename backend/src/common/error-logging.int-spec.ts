import { DataSource } from 'typeorm';
import { captureOutput } from '../test-support/captured-output.js';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

describe.each(testEnvironments())('unexpected errors in the log ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;
  let db: DataSource;

  beforeAll(async () => {
    app = await startTestApp(environment);
    db = app.server.app.get(DataSource);
    ({ token } = await app.signup('Logger'));
    teamId = (await app.request('GET', '/api/me', { token })).body.teams[0].id;
    // A database failure the API does not expect: any flow named like this breaks the insert.
    for (const table of ['flows', 'users'])
      await db.query(
        `ALTER TABLE hookflow.${table} ADD CONSTRAINT planted_failure CHECK (name NOT LIKE 'PLANTED%')`,
      );
  });
  afterAll(async () => {
    for (const table of ['flows', 'users'])
      await db.query(`ALTER TABLE hookflow.${table} DROP CONSTRAINT planted_failure`);
    await app.stop();
  });

  it('logs what failed and where, never the SQL parameters', async () => {
    const name = 'PLANTED-flow-name-4f1c';
    const headerToken = 'PLANTED-header-token-9b27';
    let status = 0;
    const logs = await captureOutput(async () => {
      const response = await app.request('POST', `/api/teams/${teamId}/flows`, {
        token,
        body: {
          name,
          definition: {
            schemaVersion: 1,
            nodes: [
              {
                id: 'start',
                type: 'trigger.webhook',
                name: 'Hook',
                position: { x: 0, y: 0 },
                config: { methods: ['POST'], auth: { type: 'none' }, note: headerToken },
              },
            ],
            edges: [],
          },
        },
      });
      status = response.status;
      expect(response.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
      });
    });
    expect(status).toBe(500);
    expect(logs).toContain('POST /api/teams/:teamId/flows failed: QueryFailedError 23514');
    expect(logs).toContain('planted_failure');
    for (const planted of [name, headerToken, 'INSERT INTO']) expect(logs).not.toContain(planted);
  });

  it('never logs the e-mail or password hash of a failed sign-up', async () => {
    const email = 'planted.person@example.com';
    const logs = await captureOutput(async () => {
      const response = await app.request('POST', '/api/auth/signup', {
        body: { email, password: 'PLANTED password 1234', name: 'PLANTED Person' },
      });
      expect(response.status).toBe(500);
    });
    expect(logs).toContain('POST /api/auth/signup failed: QueryFailedError 23514');
    for (const planted of [email, 'PLANTED', '$argon2id$']) expect(logs).not.toContain(planted);
  });
});
