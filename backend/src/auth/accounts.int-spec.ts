import { DataSource } from 'typeorm';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** A small value that satisfies a request schema (required fields only). */
function sampleOf(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, sampleOf(schema.properties?.[key] ?? {})]),
      );
    case 'string':
      return schema.format === 'email' ? 'someone@example.com' : 'x';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case undefined:
    default:
      return {};
  }
}

describe.each(testEnvironments())(
  'Accounts, teams and credentials over HTTP ($name mode)',
  (environment) => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp(environment);
    });
    afterAll(async () => {
      await app.stop();
    });

    describe('sign-up', () => {
      it('creates the user, a personal team they own, and a working token', async () => {
        const response = await app.request('POST', '/api/auth/signup', {
          body: {
            email: 'Grace.Hopper@Example.com',
            password: 'a long enough password',
            name: 'Grace',
            session: 'bearer',
          },
        });
        expect(response.status).toBe(201);
        expect(response.body.user).toMatchObject({
          email: 'grace.hopper@example.com',
          name: 'Grace',
        });
        expect(response.body.user).not.toHaveProperty('passwordHash');
        expect(response.body.team).toMatchObject({ name: "Grace's team" });
        const me = await app.request('GET', '/api/me', { token: response.body.token });
        expect(me.status).toBe(200);
        expect(me.body.teams).toEqual([
          { id: response.body.team.id, name: "Grace's team", role: 'owner' },
        ]);
      });

      it('refuses an e-mail that is taken, whatever its case', async () => {
        const body = { email: 'dup@example.com', password: 'a long enough password', name: 'One' };
        expect((await app.request('POST', '/api/auth/signup', { body })).status).toBe(201);
        const again = await app.request('POST', '/api/auth/signup', {
          body: { ...body, email: 'DUP@example.COM' },
        });
        expect(again.status).toBe(409);
        expect(again.body.message).toContain('field "email"');
      });

      it.each([
        [{ email: 'not-an-email', password: 'a long enough password', name: 'X' }, 'field "email"'],
        [
          { email: 'short@example.com', password: 'short', name: 'X' },
          'field "password": must be at least 10 characters',
        ],
        [
          { email: 'noname@example.com', password: 'a long enough password' },
          'field "name": is required',
        ],
        [{ email: 42, password: 'a long enough password', name: 'X' }, 'field "email"'],
        [[], 'field "(body)"'],
      ])('answers 400 naming the field for %j', async (body, message) => {
        const response = await app.request('POST', '/api/auth/signup', { body });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(response.body.message).toContain(message);
      });

      it('answers 400 for malformed JSON and 413 for an oversized body', async () => {
        const malformed = await app.request('POST', '/api/auth/signup', {
          rawBody: '{"email": ',
          headers: { 'content-type': 'application/json' },
        });
        expect(malformed.status).toBe(400);
        expect(malformed.body.message).toMatch(/^Malformed JSON body/);
        const huge = await app.request('POST', '/api/auth/signup', {
          body: { email: 'big@example.com', password: 'x'.repeat(2_000_000), name: 'Big' },
        });
        expect(huge.status).toBe(413);
        expect(huge.body.statusCode).toBe(413);
      });
    });

    describe('log-in', () => {
      it('gives a token for the right password and 401 for a wrong one', async () => {
        await app.request('POST', '/api/auth/signup', {
          body: { email: 'login@example.com', password: 'the right password', name: 'L' },
        });
        const ok = await app.request('POST', '/api/auth/login', {
          body: { email: 'LOGIN@example.com', password: 'the right password', session: 'bearer' },
        });
        expect(ok.status).toBe(200);
        expect((await app.request('GET', '/api/me', { token: ok.body.token })).status).toBe(200);
        const wrong = await app.request('POST', '/api/auth/login', {
          body: { email: 'login@example.com', password: 'the wrong password' },
        });
        expect(wrong.status).toBe(401);
        const unknown = await app.request('POST', '/api/auth/login', {
          body: { email: 'nobody@example.com', password: 'whatever it is' },
        });
        expect(unknown.status).toBe(401);
        expect(unknown.body.message).toBe(wrong.body.message);
      });

      it('answers 400 naming the field for bad log-in input', async () => {
        const response = await app.request('POST', '/api/auth/login', {
          body: { email: 'x@example.com' },
        });
        expect(response.status).toBe(400);
        expect(response.body.message).toContain('field "password": is required');
      });

      it('answers 429 with Retry-After once an account has too many failed log-ins', async () => {
        await app.request('POST', '/api/auth/signup', {
          body: { email: 'target@example.com', password: 'the right password', name: 'T' },
        });
        const attempt = (password: string) =>
          app.request('POST', '/api/auth/login', {
            body: { email: 'target@example.com', password },
          });
        for (let i = 0; i < 5; i++) expect((await attempt(`guess number ${i}`)).status).toBe(401);
        const blocked = await attempt('the right password');
        expect(blocked.status).toBe(429);
        expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(blocked.body.message).toContain(
          'Too many log-in attempts for this account from this address',
        );
      });
    });

    describe('authentication', () => {
      it('answers 401 without a token, with a forged one, and with a revoked API key', async () => {
        expect((await app.request('GET', '/api/me')).status).toBe(401);
        expect(
          (
            await app.request('GET', '/api/me', {
              token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged',
            })
          ).status,
        ).toBe(401);
        const { token } = await app.signup('Keys');
        const created = await app.request('POST', '/api/me/api-keys', {
          token,
          body: { name: 'deploy script' },
        });
        expect(created.status).toBe(201);
        expect(created.body.key).toMatch(/^hf_[\w-]{43}$/);
        const viaKey = await app.request('GET', '/api/me', { token: created.body.key });
        expect(viaKey.status).toBe(200);
        const listed = await app.request('GET', '/api/me/api-keys', { token });
        expect(listed.body).toEqual([
          expect.objectContaining({ id: created.body.id, name: 'deploy script' }),
        ]);
        expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
        expect(
          (await app.request('DELETE', `/api/me/api-keys/${created.body.id}`, { token })).status,
        ).toBe(204);
        expect((await app.request('GET', '/api/me', { token: created.body.key })).status).toBe(401);
      });
    });

    describe('teams and roles', () => {
      it('lets owners invite, re-role and remove members, and keeps the last owner', async () => {
        const owner = await app.signup('Owner');
        const member = await app.signup('Member');
        const team = await app.request('POST', '/api/teams', {
          token: owner.token,
          body: { name: 'Ops' },
        });
        expect(team.status).toBe(201);
        const teamId = team.body.id;
        const invited = await app.request('POST', `/api/teams/${teamId}/members`, {
          token: owner.token,
          body: { email: member.user.email.toUpperCase(), role: 'viewer' },
        });
        expect(invited.status).toBe(201);
        expect(
          (await app.request('GET', '/api/teams', { token: member.token })).body,
        ).toContainEqual({ id: teamId, name: 'Ops', role: 'viewer' });
        const again = await app.request('POST', `/api/teams/${teamId}/members`, {
          token: owner.token,
          body: { email: member.user.email, role: 'viewer' },
        });
        expect(again.status).toBe(409);
        const stranger = await app.request('POST', `/api/teams/${teamId}/members`, {
          token: owner.token,
          body: { email: 'nobody@example.com', role: 'viewer' },
        });
        expect(stranger.status).toBe(404);
        expect(stranger.body.message).toContain('field "email"');

        const lastOwnerLeaves = await app.request(
          'DELETE',
          `/api/teams/${teamId}/members/${owner.user.id}`,
          { token: owner.token },
        );
        expect(lastOwnerLeaves.status).toBe(409);
        const demoteLastOwner = await app.request(
          'PATCH',
          `/api/teams/${teamId}/members/${owner.user.id}`,
          { token: owner.token, body: { role: 'editor' } },
        );
        expect(demoteLastOwner.status).toBe(409);

        const promoted = await app.request(
          'PATCH',
          `/api/teams/${teamId}/members/${member.user.id}`,
          { token: owner.token, body: { role: 'owner' } },
        );
        expect(promoted.body).toMatchObject({ userId: member.user.id, role: 'owner' });
        expect(
          (
            await app.request('DELETE', `/api/teams/${teamId}/members/${owner.user.id}`, {
              token: owner.token,
            })
          ).status,
        ).toBe(204);
        expect(
          (await app.request('GET', `/api/teams/${teamId}/members`, { token: owner.token })).status,
        ).toBe(404);
        const members = await app.request('GET', `/api/teams/${teamId}/members`, {
          token: member.token,
        });
        expect(members.body).toEqual([
          expect.objectContaining({ userId: member.user.id, role: 'owner' }),
        ]);
      });

      it('lets a viewer read but not change anything', async () => {
        const owner = await app.signup('Boss');
        const viewer = await app.signup('Watcher');
        const teamId = owner.team.id;
        await app.request('POST', `/api/teams/${teamId}/members`, {
          token: owner.token,
          body: { email: viewer.user.email, role: 'viewer' },
        });
        const credential = await app.request('POST', `/api/teams/${teamId}/credentials`, {
          token: owner.token,
          body: { name: 'Bearer', type: 'http.bearer', data: { token: 'tok_owner_only' } },
        });
        expect(credential.status).toBe(201);
        const id = credential.body.id;

        expect(
          (await app.request('GET', `/api/teams/${teamId}/credentials`, { token: viewer.token }))
            .status,
        ).toBe(200);
        expect(
          (
            await app.request('GET', `/api/teams/${teamId}/credentials/${id}`, {
              token: viewer.token,
            })
          ).status,
        ).toBe(200);
        expect(
          (await app.request('GET', `/api/teams/${teamId}/members`, { token: viewer.token }))
            .status,
        ).toBe(200);
        const writes: Array<[string, string, unknown?]> = [
          [
            'POST',
            `/api/teams/${teamId}/credentials`,
            { name: 'X', type: 'http.bearer', data: { token: 't' } },
          ],
          ['PATCH', `/api/teams/${teamId}/credentials/${id}`, { name: 'Renamed' }],
          ['DELETE', `/api/teams/${teamId}/credentials/${id}`],
          ['POST', `/api/teams/${teamId}/members`, { email: viewer.user.email, role: 'owner' }],
          ['PATCH', `/api/teams/${teamId}/members/${viewer.user.id}`, { role: 'owner' }],
          ['DELETE', `/api/teams/${teamId}/members/${owner.user.id}`],
        ];
        for (const [method, path, body] of writes) {
          const response = await app.request(method, path, { token: viewer.token, body });
          expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
        }
        const unchanged = await app.request('GET', `/api/teams/${teamId}/credentials/${id}`, {
          token: owner.token,
        });
        expect(unchanged.body.name).toBe('Bearer');
        // leaving is the one change a viewer may make
        expect(
          (
            await app.request('DELETE', `/api/teams/${teamId}/members/${viewer.user.id}`, {
              token: viewer.token,
            })
          ).status,
        ).toBe(204);
      });
    });

    describe('credentials vault', () => {
      it('stores values encrypted, shows only which fields are set, and keeps omitted fields on update', async () => {
        const { token, team } = await app.signup('Vault');
        const secret = 'smtp-pa55word-7f3a9c1e';
        const created = await app.request('POST', `/api/teams/${team.id}/credentials`, {
          token,
          body: {
            name: 'Mail',
            type: 'smtp',
            data: {
              host: 'smtp.example.com',
              port: 587,
              secure: 'starttls',
              user: 'bot',
              password: secret,
              from: 'bot@example.com',
            },
          },
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          name: 'Mail',
          type: 'smtp',
          fields: { host: true, password: true, user: true },
        });
        expect(JSON.stringify(created.body)).not.toContain(secret);
        expect(JSON.stringify(created.body)).not.toContain('smtp.example.com');

        const rows = await app.server.app
          .get(DataSource)
          .query(`SELECT c::text AS row FROM hookflow.credentials c WHERE team_id = $1`, [team.id]);
        expect(rows).toHaveLength(1);
        expect(rows[0].row).not.toContain(secret);
        expect(rows[0].row).not.toContain(Buffer.from(secret).toString('base64'));

        const renamed = await app.request(
          'PATCH',
          `/api/teams/${team.id}/credentials/${created.body.id}`,
          { token, body: { name: 'Mail (prod)', data: { port: 465, secure: 'tls' } } },
        );
        expect(renamed.status).toBe(200);
        const { CredentialsService } = await import('../credentials/credentials.service.js');
        const revealed = await app.server.app
          .get(CredentialsService)
          .reveal(team.id, created.body.id);
        expect(revealed.data).toMatchObject({
          host: 'smtp.example.com',
          port: 465,
          secure: 'tls',
          password: secret,
        });

        expect(
          (
            await app.request('DELETE', `/api/teams/${team.id}/credentials/${created.body.id}`, {
              token,
            })
          ).status,
        ).toBe(204);
        expect(
          (
            await app.request('GET', `/api/teams/${team.id}/credentials/${created.body.id}`, {
              token,
            })
          ).status,
        ).toBe(404);
      });

      it('answers 400 naming the field for an unknown type or bad data', async () => {
        const { token, team } = await app.signup('Typo');
        const unknownType = await app.request('POST', `/api/teams/${team.id}/credentials`, {
          token,
          body: { name: 'X', type: 'ftp', data: {} },
        });
        expect(unknownType.status).toBe(400);
        expect(unknownType.body.message).toContain('field "type": unknown credential type "ftp"');
        const badData = await app.request('POST', `/api/teams/${team.id}/credentials`, {
          token,
          body: {
            name: 'X',
            type: 'smtp',
            data: { host: 'h', port: 'twenty-five', from: 'a@b.c' },
          },
        });
        expect(badData.status).toBe(400);
        expect(badData.body.message).toContain('field "data.port"');
        const noName = await app.request('POST', `/api/teams/${team.id}/credentials`, {
          token,
          body: { type: 'http.bearer', data: { token: 't' } },
        });
        expect(noName.body.message).toContain('field "name": is required');
      });
    });

    /** One of each team-scoped resource of a user's personal team, by path parameter name. */
    const resourcesOf = async ({
      token,
      team,
      user,
    }: {
      token: string;
      team: { id: string };
      user: { id: string };
    }) => {
      const credential = await app.request('POST', `/api/teams/${team.id}/credentials`, {
        token,
        body: { name: 'Team secret', type: 'http.bearer', data: { token: 'secret-token' } },
      });
      const flow = await app.request('POST', `/api/teams/${team.id}/flows`, {
        token,
        body: { name: 'Isolated' },
      });
      const published = await app.request(
        'POST',
        `/api/teams/${team.id}/flows/${flow.body.id}/publish`,
        { token },
      );
      const hook = await fetch(published.body.testWebhookUrl, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      const { executionId } = (await hook.json()) as { executionId: string };
      const deliveries = await app.request(
        'GET',
        `/api/teams/${team.id}/flows/${flow.body.id}/deliveries`,
        { token },
      );
      const template = await app.request('POST', `/api/teams/${team.id}/templates`, {
        token,
        body: { flowId: flow.body.id },
      });
      return {
        teamId: team.id,
        credentialId: credential.body.id as string,
        flowId: flow.body.id as string,
        executionId,
        deliveryId: deliveries.body.items[0].id as string,
        userId: user.id,
        templateId: template.body.id as string,
        version: String(published.body.version),
      };
    };

    describe('team isolation', () => {
      it("answers 404 on every team-scoped route for another team's ids", async () => {
        const alice = await app.signup('Alice');
        const bob = await app.signup('Bob');
        // Every path parameter of a team-scoped route must have an id here; a new route with a
        // new parameter fails this test until its fixture is added.
        const bobIds = await resourcesOf(bob);
        const aliceIds = { ...(await resourcesOf(alice)), userId: bob.user.id };

        const docs = await app.request('GET', '/api/docs-json');
        const routes = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>)
          .filter(([path]) => path.includes('{teamId}'))
          .flatMap(([path, operations]) =>
            Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
          );
        expect(routes.length).toBeGreaterThanOrEqual(8);

        const fill = (path: string, ids: Record<string, string>) =>
          path.replace(/\{(\w+)\}/g, (_, name: string) => {
            if (!ids[name])
              throw new Error(`No fixture id for path parameter "${name}" in ${path}`);
            return ids[name];
          });
        for (const route of routes) {
          // Bob's team entirely, then Alice's own team with Bob's resource ids.
          for (const ids of [
            bobIds,
            {
              ...aliceIds,
              ...Object.fromEntries(Object.entries(bobIds).filter(([key]) => key !== 'teamId')),
            },
          ]) {
            const path = fill(route.path, ids);
            if (path === fill(route.path, aliceIds)) continue; // no resource id in this route: covered by Bob's team
            // A valid body, so the answer is about the ids and not about the body.
            const operation = (docs.body.paths[route.path] as Record<string, OpenApiOperation>)[
              route.method.toLowerCase()
            ];
            const schema = operation.requestBody?.content?.['application/json']?.schema;
            const body = route.method === 'GET' ? undefined : schema ? sampleOf(schema) : {};
            const response = await app.request(route.method, path, { token: alice.token, body });
            expect({ route: `${route.method} ${path}`, status: response.status }).toEqual({
              route: `${route.method} ${path}`,
              status: 404,
            });
            expect(JSON.stringify(response.body)).not.toContain('Bob');
          }
        }
        const stillThere = await app.request(
          'GET',
          `/api/teams/${bob.team.id}/credentials/${bobIds.credentialId}`,
          { token: bob.token },
        );
        expect(stillThere.body.name).toBe('Team secret');
        const bobFlow = await app.request(
          'GET',
          `/api/teams/${bob.team.id}/flows/${bobIds.flowId}`,
          { token: bob.token },
        );
        expect(bobFlow.body.status).toBe('published');
      });
    });

    describe('OpenAPI', () => {
      it('documents every route with the request schemas that validate them', async () => {
        const docs = await app.request('GET', '/api/docs-json');
        expect(docs.status).toBe(200);
        const signup = docs.body.paths['/api/auth/signup'].post;
        const schema = signup.requestBody.content['application/json'].schema;
        expect(schema.required).toEqual(expect.arrayContaining(['email', 'password', 'name']));
        expect(schema.properties.password.minLength).toBe(10);
        for (const path of [
          '/api/me',
          '/api/teams',
          '/api/teams/{teamId}/members',
          '/api/teams/{teamId}/credentials/{credentialId}',
          '/api/teams/{teamId}/templates/{templateId}/use',
          '/api/teams/{teamId}/flows/{flowId}/export',
          '/api/teams/{teamId}/flows/{flowId}/versions/{version}',
          '/api/me/api-keys',
        ]) {
          expect(docs.body.paths).toHaveProperty([path]);
        }
        expect((await app.request('GET', '/api/docs')).status).toBe(200);
      });
    });
  },
);
