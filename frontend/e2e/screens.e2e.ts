/*
 * The template library, "Save as template" with the secret scanner, the team page and dry runs,
 * in Chromium against one real backend. Set-up data (users, flows) goes through the API; what is
 * under test goes through the UI.
 */
import type { FlowDefinition, FlowView } from '@hookflow/shared';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiCall } from './support/api-call';
import { startSink } from './support/http-sink';
import {
  artifactsDir,
  launchChromium,
  startBackend,
  type RunningBackend,
} from './support/hookflow-backend';
import { logInWithCookie, signUpByApi } from './support/accounts';

let backend: RunningBackend | undefined;
let browser: Browser | undefined;
let sink: Awaited<ReturnType<typeof startSink>>;
let page: Page;
let owner: { token: string; teamId: string };

const shot = (name: string) =>
  page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });

function callApi<T>(method: string, url: string, body?: unknown, token = owner.token) {
  return apiCall<T>(backend!.baseUrl, method, url, body, token);
}

/** webhook → one HTTP POST to the sink, with the given headers. */
async function createHttpFlow(name: string, headers: Record<string, string> = {}) {
  const definition: FlowDefinition = {
    schemaVersion: 1,
    nodes: [
      {
        id: 'n1',
        type: 'trigger.webhook',
        name: 'Webhook',
        config: { methods: ['POST'], auth: { type: 'none' } },
        position: { x: 0, y: 0 },
      },
      {
        id: 'n2',
        type: 'http.request',
        name: 'Create order',
        config: {
          method: 'POST',
          url: sink.url,
          headers,
          body: { order: '{{ trigger.body.order }}' },
        },
        position: { x: 320, y: 0 },
      },
    ],
    edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
  };
  const flow = await callApi<FlowView>('POST', `/api/teams/${owner.teamId}/flows`, {
    name,
    definition,
  });
  return flow.id;
}

const canvasNode = (id: string) =>
  page.getByTestId('flow-canvas').locator(`.react-flow__node[data-id="${id}"]`);

const allSaved = () =>
  page
    .getByRole('status', { name: 'Save status' })
    .filter({ hasText: 'All changes saved' })
    .waitFor();

beforeAll(async () => {
  sink = await startSink();
  backend = await startBackend({ OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const signedUp = await signUpByApi(backend.baseUrl, 'Ada', 'ada@example.com');
  owner = { token: signedUp.token, teamId: signedUp.team.id };
  await logInWithCookie(page, backend.baseUrl, 'ada@example.com');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  await sink?.close();
}, 30_000);

test('lists the built-in templates and makes a flow from one, creating its credential inline', async () => {
  await page.goto(`${backend!.baseUrl}/templates`);
  await page.getByRole('heading', { name: 'Built-in' }).waitFor();
  const builtIn = page.getByRole('article');
  for (const name of [
    'GitHub push → Slack message',
    'Stripe payment → Discord + e-mail',
    'Scheduled HTTP check → Slack',
  ]) {
    expect(await builtIn.filter({ has: page.getByRole('heading', { name }) }).count()).toBe(1);
  }
  await shot('templates-page');

  const card = page.getByRole('article', { name: 'GitHub push → Slack message' });
  await card.getByRole('button', { name: 'Use template' }).click();
  const dialog = page.getByRole('dialog', { name: 'Use “GitHub push → Slack message”' });
  await dialog.getByLabel('Flow name').fill('Deploy notices');
  const slackPicker = dialog.getByLabel('Tell Slack: Slack incoming webhook or Slack bot token');
  await dialog.getByRole('option', { name: 'No matching credential yet' }).waitFor({
    state: 'attached',
  });

  // No Slack credential yet: create one from the dialog.
  await dialog.getByRole('button', { name: 'Create new' }).click();
  const newCredential = page.getByRole('dialog', { name: 'New credential' });
  await newCredential.getByLabel('Type').selectOption('slack.webhook');
  await newCredential.getByLabel('Name').fill('Team Slack');
  await newCredential
    .getByLabel(/Webhook URL/)
    .fill('https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX');
  await newCredential.getByRole('button', { name: 'Create credential' }).click();
  await newCredential.waitFor({ state: 'detached' });
  await slackPicker
    .locator('option:checked', { hasText: 'Team Slack (Slack incoming webhook)' })
    .waitFor({ state: 'attached' });

  await dialog.getByLabel('GitHub webhook: Signing secret').fill('gh-signing-secret-123');
  await shot('templates-use-dialog');
  await dialog.getByRole('button', { name: 'Create flow' }).click();

  // The new flow opens in the editor with the template's two steps (pushes are filtered at the trigger).
  await page.waitForURL(/\/flows\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: 'Deploy notices' }).waitFor();
  await canvasNode('n3').waitFor();
  const nodes = page.getByTestId('flow-canvas').locator('.react-flow__node');
  expect(await nodes.count()).toBe(2);
  const titles = await nodes.locator('.flow-node__title').allInnerTexts();
  expect(titles.sort()).toEqual(['GitHub webhook', 'Tell Slack']);

  // The Slack step uses the credential made in the dialog; the signing secret is stored (masked).
  await canvasNode('n3').click();
  await page
    .locator('#node-n3-credentialId option:checked', {
      hasText: 'Team Slack (Slack incoming webhook)',
    })
    .waitFor({ state: 'attached' });
  await canvasNode('n1').click();
  expect(await page.locator('#node-n1-auth-secret').inputValue()).not.toBe('');
  await shot('templates-flow-created');
});

test('refuses to save a flow with a secret as a template until it is removed', async () => {
  const liveKey = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
  const flowId = await createHttpFlow('Order sync', { Authorization: `Bearer ${liveKey}` });
  await page.goto(`${backend!.baseUrl}/flows/${flowId}`);
  await canvasNode('n2').waitFor();

  await page.getByRole('button', { name: 'Save as template' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as template' });
  await dialog.getByLabel('Template name').fill('Order sync template');
  await dialog.getByRole('button', { name: 'Save template' }).click();
  const finding = dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem');
  await finding.first().waitFor();
  expect(await finding.count()).toBe(1);
  const message = await finding.innerText();
  expect(message).toContain('"Create order" (n2)');
  expect(message).toContain('headers.Authorization');
  // Only where, never what.
  expect(message).not.toContain(liveKey);
  await canvasNode('n2')
    .getByLabel(/^Issues:/)
    .waitFor();
  await shot('template-save-refused');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Remove the header, then saving succeeds.
  await canvasNode('n2').click();
  await page.getByRole('button', { name: 'Remove Headers Authorization' }).click();
  await allSaved();
  await page.getByRole('button', { name: 'Save as template' }).click();
  await dialog.getByLabel('Template name').fill('Order sync template');
  await dialog.getByRole('button', { name: 'Save template' }).click();
  const saved = page.getByRole('dialog', { name: 'Saved as a template' });
  await saved.getByText('“Order sync template” is in your team’s templates.').waitFor();
  await shot('template-saved');

  await saved.getByRole('link', { name: 'templates' }).click();
  await page.waitForURL(`${backend!.baseUrl}/templates`);
  const own = page.getByRole('article', { name: 'Order sync template' });
  await own.waitFor();
  expect(await own.getByText('Built-in').count()).toBe(0);
  expect(await own.getByRole('button', { name: 'Delete' }).count()).toBe(1);
});

test('invites a user as viewer, makes them an editor and removes them', async () => {
  await signUpByApi(backend!.baseUrl, 'Bob', 'bob@example.com');
  await page.goto(`${backend!.baseUrl}/team`);
  await page.getByText('You are the only member so far.', { exact: false }).waitFor();

  const invite = page.getByRole('form', { name: 'Invite a member' });
  await invite.getByLabel('E-mail').fill('bob@example.com');
  await invite.getByLabel('Role', { exact: true }).selectOption('viewer');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await page.getByRole('status').filter({ hasText: 'Bob joined as viewer.' }).waitFor();
  const bobRole = page.getByLabel('Role of Bob');
  expect(await bobRole.inputValue()).toBe('viewer');
  await shot('team-invited');

  await Promise.all([
    page.waitForResponse(
      (response) => response.request().method() === 'PATCH' && response.url().includes('/members/'),
    ),
    bobRole.selectOption('editor'),
  ]);
  // Read back from the server, not from the select the test just changed.
  await page.reload();
  await page.getByLabel('Role of Bob').locator('option:checked', { hasText: 'Editor' }).waitFor({
    state: 'attached',
  });
  const members = await callApi<{ email: string; role: string }[]>(
    'GET',
    `/api/teams/${owner.teamId}/members`,
  );
  expect(members.find((member) => member.email === 'bob@example.com')?.role).toBe('editor');

  const bobRow = page.getByRole('row').filter({ hasText: 'bob@example.com' });
  await bobRow.getByRole('button', { name: 'Remove' }).click();
  await page
    .getByRole('alertdialog', { name: /^Remove / })
    .getByRole('button', { name: 'Remove' })
    .click();
  await bobRow.waitFor({ state: 'detached' });
  await page.getByText('You are the only member so far.', { exact: false }).waitFor();
  await shot('team-member-removed');
});

test('a dry run shows the request an HTTP POST would have sent, and sends nothing', async () => {
  const flowId = await createHttpFlow('Dry orders');
  await page.goto(`${backend!.baseUrl}/flows/${flowId}`);
  await canvasNode('n2').waitFor();

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run the draft' });
  await dialog.getByLabel('Payload (trigger body, JSON)').fill('{"order": 42}');
  await dialog.getByLabel(/Dry run/).check();
  await dialog.getByRole('button', { name: 'Run now' }).click();

  await page.waitForURL(/\?run=/);
  await canvasNode('n2').locator('.flow-node--succeeded').waitFor({ timeout: 30_000 });
  await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();
  await page.getByTestId('run-dry-run').filter({ hasText: 'dry run' }).waitFor();
  await canvasNode('n2').click();
  const output = JSON.parse(await page.getByTestId('step-output').innerText()) as {
    dryRun: boolean;
    request: { method: string; url: string; body: string };
  };
  expect(output).toMatchObject({ dryRun: true, request: { method: 'POST', url: sink.url } });
  expect(JSON.parse(output.request.body)).toEqual({ order: 42 });
  await shot('editor-dry-run');
  expect(sink.requests).toHaveLength(0);
});
