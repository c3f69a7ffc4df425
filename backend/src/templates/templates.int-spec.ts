import type { FlowDefinition, TemplateDocument } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

const STRIPE_KEY = 'sk_live_51H8xYzAbCdEfGhIjKlMnOpQr';

/** GitHub-signed webhook → POST to `url` with a bearer credential (or a pasted header). */
function callApiFlow(url: string, extra: Record<string, unknown> = {}): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: 'n1',
        type: 'trigger.webhook',
        name: 'Incoming',
        position: { x: 0, y: 0 },
        config: { methods: ['POST'], auth: { type: 'github', secret: 'original-signing-secret' } },
      },
      {
        id: 'n2',
        type: 'http.request',
        name: 'Call API',
        position: { x: 260, y: 0 },
        config: {
          method: 'POST',
          url,
          body: { order: '{{ trigger.body.order }}' },
          timeoutMs: 5000,
          ...extra,
        },
      },
    ],
    edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
  };
}

describe.each(testEnvironments())('Templates over HTTP ($name mode)', (environment) => {
  let app: TestApp;
  let sink: HttpSink;
  let token: string;
  let teamId: string;
  const base = () => `/api/teams/${teamId}`;

  const createFlow = async (name: string, definition: FlowDefinition) => {
    const created = await app.request('POST', `${base()}/flows`, {
      token,
      body: { name, definition },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const createCredential = async (name: string, type: string, data: Record<string, unknown>) => {
    const created = await app.request('POST', `${base()}/credentials`, {
      token,
      body: { name, type, data },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    sink = await new HttpSink().start();
    app = await startTestApp(environment, { OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Templater'));
  });
  afterAll(async () => {
    await app.stop();
    await sink.stop();
  });

  it('refuses to export a flow with a pasted API key, naming node and field', async () => {
    const flowId = await createFlow(
      'Pasted key',
      callApiFlow('https://api.stripe.com/v1/refunds', {
        headers: { Authorization: `Bearer ${STRIPE_KEY}` },
      }),
    );
    const exported = await app.request('GET', `${base()}/flows/${flowId}/export`, { token });
    expect(exported.status).toBe(400);
    expect(exported.body.message).toBe(
      'Node "Call API" (n2): field "headers.Authorization" holds what looks like a Stripe secret key (sk_live_); move it into a credential',
    );
    expect(exported.body.issues).toEqual([
      expect.objectContaining({ nodeId: 'n2', field: 'headers.Authorization' }),
    ]);
    const saved = await app.request('POST', `${base()}/templates`, { token, body: { flowId } });
    expect(saved.status).toBe(400);
    expect(saved.body.message).toContain('field "headers.Authorization"');
    expect(JSON.stringify([exported.body, saved.body])).not.toContain('51H8x');
  });

  it('exports a flow, saves it to the library and makes a runnable flow from it', async () => {
    const credentialId = await createCredential('API token', 'http.bearer', { token: 'tok-123' });
    const flowId = await createFlow(
      'Call the API',
      callApiFlow(`${sink.url}/orders`, { credentialId }),
    );

    const exported = await app.request('GET', `${base()}/flows/${flowId}/export`, { token });
    expect(exported.status).toBe(200);
    const document = exported.body as TemplateDocument;
    expect(document).toMatchObject({
      format: 'hookflow.template',
      formatVersion: 1,
      name: 'Call the API',
      credentialPlaceholders: { n2: { field: 'credentialId', credentialTypes: ['http.bearer'] } },
    });
    expect(document.definition.nodes[0].config.auth).toEqual({ type: 'github' });
    expect(JSON.stringify(document)).not.toMatch(/original-signing-secret|sealed|tok-123/);
    expect(JSON.stringify(document)).not.toContain(credentialId);

    const saved = await app.request('POST', `${base()}/templates`, {
      token,
      body: { flowId, description: 'Posts orders' },
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      teamId,
      builtIn: false,
      name: 'Call the API',
      description: 'Posts orders',
      document: { ...document, description: 'Posts orders' },
    });

    const used = await app.request('POST', `${base()}/templates/${saved.body.id}/use`, {
      token,
      body: {
        name: 'From the template',
        credentials: { n2: credentialId },
        secrets: { n1: { 'auth.secret': 'new-signing-secret' } },
      },
    });
    expect(used.status).toBe(201);
    expect(used.body).toMatchObject({ name: 'From the template', status: 'draft', issues: [] });
    expect(used.body.id).not.toBe(flowId);
    expect(JSON.stringify(used.body)).not.toContain('new-signing-secret');

    const published = await app.request('POST', `${base()}/flows/${used.body.id}/publish`, {
      token,
    });
    expect(published.status).toBe(200);
    const run = await app.request('POST', `${base()}/flows/${used.body.id}/run`, {
      token,
      body: { payload: { order: 'ord_7' } },
    });
    expect(run.status).toBe(202);
    const execution = () =>
      app.request('GET', `${base()}/executions/${run.body.executionId}`, { token });
    await waitFor(
      async () => ['succeeded', 'failed'].includes((await execution()).body.status),
      30_000,
      'the run to finish',
    );
    expect((await execution()).body.status).toBe('succeeded');
    const received = sink.requests.find((request) => request.url === '/orders');
    expect(received?.headers.authorization).toBe('Bearer tok-123');
    expect(JSON.parse(received!.body)).toEqual({ order: 'ord_7' });
  });

  it('lists the built-in templates and makes flows from them', async () => {
    const list = await app.request('GET', `${base()}/templates`, { token });
    expect(list.status).toBe(200);
    const builtIns = (list.body as { id: string; builtIn: boolean; name: string }[]).filter(
      (template) => template.builtIn,
    );
    expect(builtIns.map((template) => template.name)).toEqual(
      expect.arrayContaining(['GitHub push → Slack message', 'Stripe payment → Discord + e-mail']),
    );

    const one = await app.request('GET', `${base()}/templates/builtin-github-push-to-slack`, {
      token,
    });
    expect(one.body).toMatchObject({ id: 'builtin-github-push-to-slack', builtIn: true });

    const slack = await createCredential('Slack', 'slack.webhook', {
      url: 'https://hooks.slack.com/services/T0/B0/x',
    });
    const smtp = await createCredential('Mail', 'smtp', {
      host: 'smtp.example.com',
      port: 587,
      secure: 'starttls',
      from: 'a@example.com',
    });
    const wrongType = await app.request(
      'POST',
      `${base()}/templates/builtin-github-push-to-slack/use`,
      { token, body: { credentials: { n3: smtp } } },
    );
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toBe(
      'Node "Tell Slack" (n3): needs a credential of type slack.webhook or slack.bot; "Mail" is smtp',
    );

    const used = await app.request('POST', `${base()}/templates/builtin-github-push-to-slack/use`, {
      token,
      body: { credentials: { n3: slack }, secrets: { n1: { 'auth.secret': 'gh-secret' } } },
    });
    expect(used.status).toBe(201);
    expect(used.body).toMatchObject({ name: 'GitHub push → Slack message', issues: [] });
    expect(used.body.definition.nodes[1].config.credentialId).toBe(slack);

    const stripe = await app.request(
      'POST',
      `${base()}/templates/builtin-stripe-payment-to-discord-and-email/use`,
      { token, body: { name: 'Payments', credentials: { n5: smtp } } },
    );
    expect(stripe.status).toBe(201);
    // A draft may be incomplete: what is still missing shows up as issues to fix before publishing.
    expect(stripe.body.issues.map((issue: { field?: string }) => issue.field)).toEqual(
      expect.arrayContaining(['auth.secret']),
    );

    const patched = await app.request('PATCH', `${base()}/templates/builtin-github-push-to-slack`, {
      token,
      body: { name: 'Mine now' },
    });
    expect(patched.status).toBe(403);
    const unknown = await app.request('GET', `${base()}/templates/builtin-nope`, { token });
    expect(unknown.status).toBe(404);
  });

  it('imports documents into the library and straight into flows, and names what is wrong', async () => {
    const { document } = (
      await app.request('GET', `${base()}/templates/builtin-scheduled-http-check-to-slack`, {
        token,
      })
    ).body as { document: TemplateDocument };

    const imported = await app.request('POST', `${base()}/templates`, {
      token,
      body: { document, name: 'Status watch' },
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      name: 'Status watch',
      document: { name: 'Status watch' },
    });
    const renamed = await app.request('PATCH', `${base()}/templates/${imported.body.id}`, {
      token,
      body: { name: 'Status watcher', description: 'Checks status' },
    });
    expect(renamed.body).toMatchObject({
      name: 'Status watcher',
      document: { name: 'Status watcher', description: 'Checks status' },
    });

    const flow = await app.request('POST', `${base()}/flows/import`, { token, body: { document } });
    expect(flow.status).toBe(201);
    expect(flow.body.definition.nodes.map((node: { id: string }) => node.id)).toEqual([
      'n1',
      'n2',
      'n3',
      'n4',
    ]);

    const malformed = structuredClone(document) as unknown as {
      definition: { nodes: { position: unknown }[] };
    };
    malformed.definition.nodes[1].position = { x: 'left', y: 0 };
    const refused = await app.request('POST', `${base()}/flows/import`, {
      token,
      body: { document: malformed },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('field "document.definition.nodes.1.position.x"');
    const notATemplate = await app.request('POST', `${base()}/templates`, {
      token,
      body: { document: { name: 'x' } },
    });
    expect(notATemplate.status).toBe(400);
    expect(notATemplate.body.message).toContain('field "document.format"');
    const neither = await app.request('POST', `${base()}/templates`, { token, body: {} });
    expect(neither.body.message).toContain('field "flowId": send either flowId');

    const withSecret = structuredClone(document);
    withSecret.definition.nodes[1].config.headers = { 'X-Api-Key': 'abcd-1234-efgh' };
    const secretImport = await app.request('POST', `${base()}/flows/import`, {
      token,
      body: { document: withSecret },
    });
    expect(secretImport.status).toBe(400);
    expect(secretImport.body.issues).toEqual([
      expect.objectContaining({ nodeId: 'n2', field: 'headers.X-Api-Key' }),
    ]);

    const oversized = await app.request('POST', `${base()}/flows/import`, {
      token,
      body: { document: { ...document, description: 'x'.repeat(1_100_000) } },
    });
    expect(oversized.status).toBe(413);

    const removed = await app.request('DELETE', `${base()}/templates/${imported.body.id}`, {
      token,
    });
    expect(removed.status).toBe(204);
    const gone = await app.request('GET', `${base()}/templates/${imported.body.id}`, { token });
    expect(gone.status).toBe(404);
  });

  it('lets viewers read and export but not write, and hides other teams’ templates', async () => {
    const owner = await app.signup('Owner');
    const viewer = await app.signup('Viewer');
    const stranger = await app.signup('Stranger');
    const team = `/api/teams/${owner.team.id}`;
    await app.request('POST', `${team}/members`, {
      token: owner.token,
      body: { email: viewer.user.email, role: 'viewer' },
    });
    const flow = await app.request('POST', `${team}/flows`, {
      token: owner.token,
      body: { name: 'Shared' },
    });
    const template = await app.request('POST', `${team}/templates`, {
      token: owner.token,
      body: { flowId: flow.body.id },
    });
    expect(template.status).toBe(201);
    const templatePath = `${team}/templates/${template.body.id}`;

    expect((await app.request('GET', `${team}/templates`, { token: viewer.token })).status).toBe(
      200,
    );
    expect((await app.request('GET', templatePath, { token: viewer.token })).status).toBe(200);
    expect(
      (await app.request('GET', `${team}/flows/${flow.body.id}/export`, { token: viewer.token }))
        .status,
    ).toBe(200);
    for (const [method, path, body] of [
      ['POST', `${team}/templates`, { flowId: flow.body.id }],
      ['PATCH', templatePath, { name: 'x' }],
      ['DELETE', templatePath, undefined],
      ['POST', `${templatePath}/use`, {}],
      ['POST', `${team}/flows/import`, { document: template.body.document }],
    ] as const) {
      const response = await app.request(method, path, { token: viewer.token, body });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
    }

    // Another team's template id, through the stranger's own team: 404, as if it did not exist.
    const strangerTeam = `/api/teams/${stranger.team.id}`;
    const foreign = `${strangerTeam}/templates/${template.body.id}`;
    expect((await app.request('GET', foreign, { token: stranger.token })).status).toBe(404);
    expect(
      (await app.request('POST', `${foreign}/use`, { token: stranger.token, body: {} })).status,
    ).toBe(404);

    // Another team's credential id in a mapping: refused without saying whose it is.
    const ownerCredential = await app.request('POST', `${team}/credentials`, {
      token: owner.token,
      body: { name: 'Owner Slack', type: 'slack.bot', data: { token: 'xoxb-1' } },
    });
    const borrowed = await app.request(
      'POST',
      `${strangerTeam}/templates/builtin-github-push-to-slack/use`,
      { token: stranger.token, body: { credentials: { n3: ownerCredential.body.id } } },
    );
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.message).toContain('was not found in this team');
    expect(JSON.stringify(borrowed.body)).not.toContain('Owner Slack');
  });
});
