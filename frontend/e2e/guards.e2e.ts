/*
 * Guarded actions in Chromium against a real backend: the in-app dialogs that ask before a risky
 * action, and say what it would break. Set-up goes through the API, what is under test through
 * the UI. Screenshots go to test-artifacts/ (and GUARDS_SHOTS_DIR when set, for the notes).
 */
import type { FlowDefinition, FlowView } from '@hookflow/shared';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiCall } from './support/api-call';
import {
  artifactsDir,
  launchChromium,
  startBackend,
  type RunningBackend,
} from './support/hookflow-backend';
import { logInWithCookie, signUpByApi } from './support/accounts';

let backend: RunningBackend | undefined;
let browser: Browser | undefined;
let page: Page;
let owner: { token: string; teamId: string };

const shot = async (name: string) => {
  await page.screenshot({ path: path.join(artifactsDir, `guards-${name}.png`) });
  const extra = process.env.GUARDS_SHOTS_DIR;
  if (extra) await page.screenshot({ path: path.join(extra, `guards-${name}.png`) });
};

function callApi<T>(method: string, url: string, body?: unknown) {
  return apiCall<T>(backend!.baseUrl, method, url, body, owner.token);
}

/** webhook → HTTP GET authenticated with the credential. */
const callingWith = (credentialId: string): FlowDefinition => ({
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
      name: 'Fetch order',
      config: { method: 'GET', url: 'http://127.0.0.1:9/orders', credentialId },
      position: { x: 320, y: 0 },
    },
  ],
  edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
});

beforeAll(async () => {
  backend = await startBackend();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const signedUp = await signUpByApi(backend.baseUrl, 'Ada', 'ada@example.com');
  owner = { token: signedUp.token, teamId: signedUp.team.id };
  await logInWithCookie(page, backend.baseUrl, 'ada@example.com');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
}, 30_000);

test('deleting a credential a published flow uses lists that flow in the in-app dialog', async () => {
  const credential = await callApi<{ id: string }>(
    'POST',
    `/api/teams/${owner.teamId}/credentials`,
    { name: 'Orders API', type: 'http.bearer', data: { token: 'tok_live' } },
  );
  const flow = await callApi<FlowView>('POST', `/api/teams/${owner.teamId}/flows`, {
    name: 'Live orders',
    definition: callingWith(credential.id),
  });
  await callApi('POST', `/api/teams/${owner.teamId}/flows/${flow.id}/publish`);
  // A browser pop-up would fail the test: every question is asked in the page.
  page.on('dialog', (dialog) => {
    throw new Error(`a browser dialog opened: ${dialog.message()}`);
  });

  await page.goto(`${backend!.baseUrl}/credentials`);
  await page
    .getByRole('row')
    .filter({ hasText: 'Orders API' })
    .getByRole('button', { name: 'Delete' })
    .click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete the credential “Orders API”?' });
  const used = dialog.getByRole('list', { name: 'Flows that use it' });
  await used.getByRole('link', { name: 'Live orders' }).waitFor();
  expect(await used.getByRole('link', { name: 'Live orders' }).getAttribute('href')).toBe(
    `/flows/${flow.id}`,
  );
  expect(await used.textContent()).toContain('published v1');
  await shot('credential-delete-dialog');

  // Cancel keeps it; "Delete anyway" deletes it.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  const credentials = await callApi<unknown[]>('GET', `/api/teams/${owner.teamId}/credentials`);
  expect(credentials).toHaveLength(1);

  await page
    .getByRole('row')
    .filter({ hasText: 'Orders API' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await dialog.getByRole('button', { name: 'Delete anyway' }).click();
  await page.getByRole('heading', { name: 'No credentials yet' }).waitFor();
  expect(await callApi<unknown[]>('GET', `/api/teams/${owner.teamId}/credentials`)).toEqual([]);
});

test('a test-URL call to a draft with issues is refused, and the trigger panel says which', async () => {
  const flow = await callApi<FlowView>('POST', `/api/teams/${owner.teamId}/flows`, {
    name: 'Half-built orders',
    definition: {
      ...callingWith(''),
      nodes: callingWith('').nodes.map((node) =>
        node.id === 'n2' ? { ...node, config: { method: 'POST', url: '' } } : node,
      ),
    },
  });
  const answer = await fetch(flow.testWebhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"order":7}',
  });
  expect(answer.status).toBe(409);
  expect(((await answer.json()) as { message: string }).message).toContain(
    'Node "Fetch order" (n2): field "url" is required',
  );

  await page.goto(`${backend!.baseUrl}/flows/${flow.id}`);
  await page.getByTestId('flow-canvas').locator('.react-flow__node[data-id="n1"]').click();
  const note = page.getByRole('note', { name: 'Test URL refuses requests' });
  await note.waitFor();
  expect(await note.textContent()).toContain('field "url" is required');
  // The refused request is recorded: its inspector says why, naming the node and field.
  await page.locator('.delivery-list__item').first().click();
  const inspector = page.getByLabel('Delivery details');
  await inspector.getByText('draft invalid').waitFor();
  expect(await inspector.textContent()).toContain('field "url" is required');
  await shot('trigger-panel-draft-issues');
});

test("the last owner's Leave team is disabled and says why", async () => {
  await page.goto(`${backend!.baseUrl}/team`);
  const leave = page.getByRole('button', { name: 'Leave team' });
  await leave.waitFor();
  expect(await leave.isDisabled()).toBe(true);
  await page.getByText('You are the last owner: make another member owner first').waitFor();
  await shot('leave-team-last-owner');
});

test('replaying a request that failed verification asks first, with "Replay anyway"', async () => {
  const flow = await callApi<FlowView>('POST', `/api/teams/${owner.teamId}/flows`, {
    name: 'Signed orders',
    definition: {
      schemaVersion: 1,
      nodes: [
        {
          id: 'n1',
          type: 'trigger.webhook',
          name: 'Webhook',
          config: { methods: ['POST'], auth: { type: 'header', header: 'X-Key', value: 'k3y' } },
          position: { x: 0, y: 0 },
        },
      ],
      edges: [],
    },
  });
  const refused = await fetch(flow.testWebhookUrl, { method: 'POST', body: '{}' });
  expect(refused.status).toBe(401);

  await page.goto(`${backend!.baseUrl}/flows/${flow.id}`);
  await page.getByTestId('flow-canvas').locator('.react-flow__node[data-id="n1"]').click();
  await page.locator('.delivery-list__item').first().click();
  await page.getByRole('button', { name: 'Replay anyway…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Replay a rejected request' });
  expect(await dialog.textContent()).toContain('it may not come from the service it claims to');
  await shot('replay-anyway-dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});
