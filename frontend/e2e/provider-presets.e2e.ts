/*
 * The trigger panel of a webhook trigger in Chromium against a real backend: for every provider
 * preset the Authentication menu offers, its setup guide (with copy buttons), its sample request
 * and, where the provider names events, the event filter. Also the notice that requests still
 * reach a regenerated URL. Screenshots go to test-artifacts/ (and /work/notes/shots when set).
 */
import { webhookPresetFor, type FlowView } from '@hookflow/shared';
import { mkdirSync } from 'node:fs';
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
const shotsDir = process.env.SHOTS_DIR ?? artifactsDir;

const callApi = <T>(method: string, url: string, body?: unknown, token = '') =>
  apiCall<T>(backend!.baseUrl, method, url, body, token);

const webhookFlow = {
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'Provider hook',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth: { type: 'github', secret: 'gh-secret-value' } },
    },
  ],
  edges: [],
};

beforeAll(async () => {
  mkdirSync(shotsDir, { recursive: true });
  backend = await startBackend();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: backend.baseUrl,
  });
  page = await context.newPage();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
}, 30_000);

it('shows each preset’s guide, sample and filter, and requests to an old URL', async () => {
  const { token, team } = await signUpByApi(backend!.baseUrl, 'Gil', 'gil@example.com');
  const flow = await callApi<FlowView>(
    'POST',
    `/api/teams/${team.id}/flows`,
    { name: 'Provider hooks', definition: webhookFlow },
    token,
  );
  // Someone regenerated the URL; the provider still calls the old one.
  const regenerated = await callApi<FlowView>(
    'POST',
    `/api/teams/${team.id}/flows/${flow.id}/regenerate-trigger-key`,
    undefined,
    token,
  );
  for (let i = 0; i < 2; i++) {
    const old = await fetch(flow.testWebhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'GitHub-Hookshot/5b3e1c7' },
      body: '{}',
    });
    expect(old.status).toBe(404);
  }

  await logInWithCookie(page, backend!.baseUrl, 'gil@example.com');
  await page.goto(`${backend!.baseUrl}/flows/${flow.id}`);
  await page.getByTestId('flow-canvas').locator('.react-flow__node[data-id="hook"]').click();

  const notice = page
    .getByRole('status')
    .filter({ hasText: '2 requests hit your old URL since you regenerated it' });
  await notice.filter({ hasText: 'GitHub-Hookshot/5b3e1c7' }).waitFor();
  await notice.screenshot({ path: path.join(shotsDir, 'presets-old-url.png') });

  // GitHub: the guide names GitHub's fields, the URL copies, a generated secret is shown once.
  const github = page.getByRole('region', { name: 'GitHub setup' });
  await github.getByText('Payload URL').first().waitFor();
  const urlField = github.getByLabel('Payload URL (production URL)');
  expect(await urlField.inputValue()).toBe(regenerated.webhookUrl);
  await github.getByRole('button', { name: 'Copy' }).first().click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(regenerated.webhookUrl);
  await github.getByRole('button', { name: 'Generate a secret' }).click();
  const secret = await github.getByLabel('Secret (generated)').inputValue();
  expect(secret).toMatch(/^[0-9a-f]{64}$/);

  // The filter: a common event one click away; the sample follows the filter.
  const filter = github.getByRole('list', { name: 'Event filter' });
  await github.getByRole('button', { name: '+ pull_request', exact: true }).click();
  await filter.getByText('pull_request').waitFor();
  await github.getByText('Sample request').click();
  const sample = github.getByLabel('Sample request body');
  await sample.filter({ hasText: '"action": "opened"' }).waitFor();
  await github.screenshot({ path: path.join(shotsDir, 'presets-github.png') });
  await filter.getByRole('button', { name: 'Remove pull_request' }).click();
  await github.getByLabel('Add an event').fill('push');
  await github.getByRole('button', { name: 'Add', exact: true }).click();
  await filter.getByText('push').waitFor();
  await sample.filter({ hasText: '"ref": "refs/heads/main"' }).waitFor();

  // Every other preset the Authentication menu offers.
  const method = page
    .getByRole('group', { name: 'Authentication' })
    .getByRole('combobox', { name: /^Method/ });
  const offered = await method
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  const presets = offered.filter((value) => value !== 'github' && webhookPresetFor(value));
  expect(presets).toEqual(
    expect.arrayContaining([
      'stripe',
      'slack',
      'shopify',
      'twilio',
      'standard-webhooks',
      'discord',
      'sendgrid',
      'paypal',
    ]),
  );
  for (const id of presets) {
    const preset = webhookPresetFor(id)!;
    await method.selectOption(id);
    const region = page.getByRole('region', { name: `${preset.title} setup` });
    await region.getByText(preset.guide.urlField, { exact: false }).first().waitFor();
    expect(await region.getByLabel(`${preset.guide.urlField} (production URL)`).inputValue()).toBe(
      regenerated.webhookUrl,
    );
    if (preset.guide.secretLooksLike)
      await region.getByText(preset.guide.secretLooksLike, { exact: false }).first().waitFor();
    expect(await region.getByRole('list', { name: 'Event filter' }).count()).toBe(
      preset.eventOf ? 1 : 0,
    );
    // GitHub's `push` did not come along: another provider's events are named differently.
    expect(
      await region.getByRole('list', { name: 'Event filter' }).getByRole('listitem').count(),
    ).toBe(0);
    if (preset.commonEvents)
      await region
        .getByRole('button', { name: `+ ${preset.commonEvents[0]}`, exact: true })
        .waitFor();
    await region.getByText('Sample request').click();
    const body = preset.samples[0].request.body;
    const marker = JSON.stringify(body, null, 2).split('\n')[1].trim();
    await region.getByLabel('Sample request body').filter({ hasText: marker }).waitFor();
    await region.screenshot({ path: path.join(shotsDir, `presets-${id}.png`) });
  }

  // Generic schemes have no provider guide.
  await method.selectOption('hmac');
  await page.getByRole('heading', { name: 'Trigger URLs' }).waitFor();
  expect(await page.getByRole('region', { name: /setup$/ }).count()).toBe(0);
});
