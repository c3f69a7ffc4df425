import type { CredentialUsage, FlowDefinition } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

/** webhook → HTTP GET, the HTTP step authenticated with `credentialId` (or with none). */
const callingWith = (credentialId?: string): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    {
      id: 'start',
      type: 'trigger.webhook',
      name: 'Incoming',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth: { type: 'none' } },
    },
    {
      id: 'call',
      type: 'http.request',
      name: 'Call the API',
      position: { x: 200, y: 0 },
      config: {
        method: 'GET',
        url: 'http://127.0.0.1:9/orders',
        ...(credentialId && { credentialId }),
      },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'call' }],
});

describe.each(testEnvironments())('Credential usage and delete ($name mode)', (environment) => {
  let app: TestApp;
  let token: string;
  let teamId: string;

  const createCredential = async (name: string) => {
    const created = await app.request('POST', `/api/teams/${teamId}/credentials`, {
      token,
      body: { name, type: 'http.bearer', data: { token: 'tok_secret' } },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const createDraft = async (name: string, definition: FlowDefinition) => {
    const created = await app.request('POST', `/api/teams/${teamId}/flows`, {
      token,
      body: { name, definition },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const usageOf = (credentialId: string, as = token, team = teamId) =>
    app.request<CredentialUsage>('GET', `/api/teams/${team}/credentials/${credentialId}/usage`, {
      token: as,
    });
  const remove = (credentialId: string, query = '') =>
    app.request('DELETE', `/api/teams/${teamId}/credentials/${credentialId}${query}`, { token });

  beforeAll(async () => {
    app = await startTestApp(environment);
    ({ token } = await app.signup('Keeper'));
    teamId = (await app.request('GET', '/api/me', { token })).body.teams[0].id;
  });
  afterAll(async () => {
    await app.stop();
  });

  it('lists the flows whose draft or published version use a credential, by name', async () => {
    const used = await createCredential('Orders API');
    const live = await app.publishFlow(token, teamId, 'Live orders', callingWith(used));
    const draftOnly = await createDraft('Draft orders', callingWith(used));
    await createDraft('Unrelated', callingWith());
    // Published with it, then the draft moved to no credential: only the live version uses it.
    const leaving = await app.publishFlow(token, teamId, 'Leaving', callingWith(used));
    const edited = await app.request('PATCH', `/api/teams/${teamId}/flows/${leaving.flowId}`, {
      token,
      body: { definition: callingWith() },
    });
    expect(edited.status).toBe(200);

    const usage = await usageOf(used);

    expect(usage.status).toBe(200);
    expect(usage.body).toEqual({
      credentialId: used,
      flows: [
        {
          flowId: draftOnly,
          flowName: 'Draft orders',
          inDraft: true,
          inPublished: false,
          publishedVersion: null,
          enabled: true,
        },
        {
          flowId: leaving.flowId,
          flowName: 'Leaving',
          inDraft: false,
          inPublished: true,
          publishedVersion: 1,
          enabled: true,
        },
        {
          flowId: live.flowId,
          flowName: 'Live orders',
          inDraft: true,
          inPublished: true,
          publishedVersion: 1,
          enabled: true,
        },
      ],
    });
    const unused = await createCredential('Spare');
    expect((await usageOf(unused)).body).toEqual({ credentialId: unused, flows: [] });
  });

  it("answers 404 for another team's credential, whoever asks", async () => {
    const mine = await createCredential('Mine');
    const stranger = await app.signup('Stranger');
    const strangerTeam = (await app.request('GET', '/api/me', { token: stranger.token })).body
      .teams[0].id as string;

    // Through the stranger's own team, and through mine (not a member): never the usage.
    expect((await usageOf(mine, stranger.token, strangerTeam)).status).toBe(404);
    expect((await usageOf(mine, stranger.token)).status).toBe(404);
    expect((await usageOf('not-a-uuid')).status).toBe(404);
  });

  it('refuses to delete a credential a published flow uses unless forced, listing the flows', async () => {
    const used = await createCredential('Payments API');
    const live = await app.publishFlow(token, teamId, 'Payments', callingWith(used));

    const refused = await remove(used);

    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      "The credential “Payments API” is used by the published version of “Payments”; delete it with ?force=true to break those flows' runs",
    );
    expect(refused.body.usage.flows).toEqual([
      expect.objectContaining({ flowId: live.flowId, flowName: 'Payments', inPublished: true }),
    ]);
    expect(
      (await app.request('GET', `/api/teams/${teamId}/credentials/${used}`, { token })).status,
    ).toBe(200);

    expect((await remove(used, '?force=maybe')).status).toBe(400);
    expect((await remove(used, '?force=maybe')).body.message).toContain('force');

    expect((await remove(used, '?force=true')).status).toBe(204);
    expect(
      (await app.request('GET', `/api/teams/${teamId}/credentials/${used}`, { token })).status,
    ).toBe(404);
  });

  it('deletes a credential only drafts use without asking', async () => {
    const used = await createCredential('Sandbox API');
    await createDraft('Sketch', callingWith(used));

    expect((await remove(used)).status).toBe(204);
  });
});
