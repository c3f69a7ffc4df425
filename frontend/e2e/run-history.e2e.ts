/*
 * Honest run history in Chromium against a real backend: a failing production run, opened from
 * the editor's Runs drawer, retried from its failed step, keeps both attempts in its timeline;
 * the Runs page still finds it under "failed" and by payload text.
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

let backend: RunningBackend | undefined;
let browser: Browser | undefined;
let sink: Awaited<ReturnType<typeof startSink>>;
let page: Page;

const shot = (name: string) =>
  page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });

beforeAll(async () => {
  sink = await startSink();
  backend = await startBackend({ OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  await sink?.close();
}, 30_000);

test('a failing run retried from the failed step shows both attempts in its timeline', async () => {
  const baseUrl = backend!.baseUrl;
  const call = <T>(method: string, url: string, body?: unknown, token = '') =>
    apiCall<T>(baseUrl, method, url, body, token);
  const { token, team } = await call<{ token: string; team: { id: string } }>(
    'POST',
    '/api/auth/signup',
    { name: 'Ada', email: 'ada@example.com', password: 'correct horse battery', session: 'bearer' },
  );
  const definition: FlowDefinition = {
    schemaVersion: 1,
    nodes: [
      {
        id: 'n1',
        type: 'trigger.webhook',
        name: 'New order',
        config: { methods: ['POST'], auth: { type: 'none' } },
        position: { x: 0, y: 0 },
      },
      {
        id: 'n2',
        type: 'http.request',
        name: 'Send to ERP',
        retry: { attempts: 2, backoff: 'fixed', delayMs: 100 },
        config: { method: 'POST', url: sink.url, body: '{{ trigger.body }}' },
        position: { x: 320, y: 0 },
      },
    ],
    edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
  };
  const flow = await call<FlowView>(
    'POST',
    `/api/teams/${team.id}/flows`,
    { name: 'Orders to ERP', definition },
    token,
  );
  const { webhookUrl } = await call<{ webhookUrl: string }>(
    'POST',
    `/api/teams/${team.id}/flows/${flow.id}/publish`,
    undefined,
    token,
  );

  // The ERP is down: both attempts of the step fail.
  sink.setStatus(503);
  const hooked = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ order: 1001, customer: 'Zoë Quartermaine' }),
  });
  const { executionId } = (await hooked.json()) as { executionId: string };

  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/flows/);
  await page.goto(`${baseUrl}/flows/${flow.id}`);

  // The Runs button opens the flow's runs beside the canvas, without leaving the editor.
  await page.getByRole('button', { name: 'Runs', exact: true }).click();
  const drawer = page.getByRole('dialog', { name: 'Runs of this flow' });
  const row = drawer.getByTestId('run-row').first();
  await row.filter({ hasText: 'failed' }).waitFor({ timeout: 30_000 });
  expect(await row.textContent()).toContain('Production');
  expect(await row.textContent()).toContain('POST {"order":1001');
  await shot('history-runs-drawer');
  await row.locator('td').nth(2).click();
  expect(page.url()).toContain(`/flows/${flow.id}?run=${executionId}`);
  await drawer.waitFor({ state: 'detached' });

  await page.getByTestId('run-error').filter({ hasText: 'Step "Send to ERP" failed' }).waitFor();
  await page.getByRole('button', { name: /Send to ERP/ }).click();
  await page
    .getByTestId('step-error-outcome')
    .filter({ hasText: 'failed after 2 attempts' })
    .waitFor();

  sink.setStatus(200);
  await page.getByRole('button', { name: 'Retry from failed step' }).click();
  await page
    .getByTestId('run-status')
    .filter({ hasText: 'succeeded' })
    .waitFor({ timeout: 30_000 });
  await page
    .getByTestId('run-retried')
    .filter({ hasText: 'retried from the failed step' })
    .waitFor();
  const attempts = page.getByTestId('run-attempt');
  expect(await attempts.count()).toBe(2);
  expect(await attempts.nth(0).textContent()).toMatch(/failed.*Attempt 1.*first run/);
  expect(await attempts.nth(0).textContent()).toContain('Step "Send to ERP" failed');
  expect(await attempts.nth(1).textContent()).toMatch(
    /succeeded.*Attempt 2.*retried from the failed step/,
  );
  await shot('history-run-view');

  // The Runs page still lists it under "failed" (its first attempt failed) and finds it by payload.
  await page.goto(`${baseUrl}/runs?status=failed`);
  const listed = page.getByTestId('run-row');
  await listed.first().waitFor();
  expect(await listed.count()).toBe(1);
  expect(await listed.first().textContent()).toContain('attempt 2 · 1 failed');
  await page.goto(`${baseUrl}/runs`);
  await page.getByLabel('Search runs').fill('quartermaine');
  await page.waitForURL(/q=quartermaine/);
  await listed.first().waitFor();
  expect(await listed.count()).toBe(1);
  await shot('history-runs-page');
  await listed.first().locator('td').nth(3).click();
  await page.waitForURL(new RegExp(`run=${executionId}`));
});
