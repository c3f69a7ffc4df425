/*
 * Live feedback in Chromium against a real backend: a call to the test URL from this process
 * lights up the open canvas, a production call offers a "New run" toast and shows up in the
 * Runs and Flows lists, all without a reload; an edit of a published flow says "unpublished
 * changes". The flow is set up through the API; the browser logs in as its owner.
 */
import type { FlowView } from '@hookflow/shared';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { webhookToSink } from '../../backend/src/test-support/flow-fixtures';
import { apiCall } from './support/api-call';
import { startSink } from './support/http-sink';
import {
  artifactsDir,
  launchChromium,
  startBackend,
  type RunningBackend,
} from './support/hookflow-backend';
import { logInThroughForm, signUpByApi } from './support/accounts';

let backend: RunningBackend | undefined;
let browser: Browser | undefined;
let sink: Awaited<ReturnType<typeof startSink>>;
let page: Page;
let flow: FlowView;
let team: { id: string };
let token: string;

const shot = (name: string) =>
  page.screenshot({ path: path.join(artifactsDir, `live-${name}.png`), fullPage: true });
const callApi = <T>(method: string, url: string, body?: unknown) =>
  apiCall<T>(backend!.baseUrl, method, url, body, token);

async function callTrigger(url: string, body: unknown): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { executionId: string }).executionId;
}

/** Resolves once the page's team stream answered (set up before the step that opens it). */
const streamOpened = () =>
  page.waitForResponse((response) => /\/api\/teams\/[^/]+\/events$/.test(response.url()));

beforeAll(async () => {
  sink = await startSink();
  backend = await startBackend({ OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  ({ token, team } = await signUpByApi(backend.baseUrl, 'Lia', 'lia@example.com'));
  flow = await callApi<FlowView>('POST', `/api/teams/${team.id}/flows`, {
    name: 'Orders live',
    definition: webhookToSink(`${sink.url}/orders`),
  });
  await callApi('POST', `/api/teams/${team.id}/flows/${flow.id}/publish`);
  await logInThroughForm(page, backend.baseUrl, 'lia@example.com');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  await sink?.close();
}, 30_000);

test('a test-URL call lights up the open canvas; a production call offers its run', async () => {
  const opened = streamOpened();
  await page.goto(`${backend!.baseUrl}/flows/${flow.id}`);
  const canvas = page.getByTestId('flow-canvas');
  const status = (nodeId: string) =>
    canvas.locator(`.react-flow__node[data-id="${nodeId}"] .flow-node`);
  await status('call').waitFor();
  expect((await opened).status()).toBe(200);
  expect(await status('call').getAttribute('data-status')).toBeNull();
  await shot('canvas-before');

  const testRun = await callTrigger(flow.testWebhookUrl, { order: 1 });
  await page.waitForURL(new RegExp(`[?&]run=${testRun}`));
  await canvas
    .locator('.react-flow__node[data-id="call"] .flow-node[data-status="succeeded"]')
    .waitFor();
  expect(await status('hook').getAttribute('data-status')).toBe('succeeded');
  await shot('canvas-test-run');

  await page.getByRole('button', { name: 'Back to editing' }).click();
  await page.waitForURL((url) => !url.search.includes('run='));
  const productionRun = await callTrigger(flow.webhookUrl, { order: 2 });
  const toast = page.getByRole('status', { name: 'New run' });
  await toast.waitFor();
  await shot('new-run-toast');
  await toast.getByRole('button', { name: 'Open' }).click();
  await page.waitForURL(new RegExp(`[?&]run=${productionRun}`));
  await expect(page.getByTestId('run-status').textContent()).resolves.toBeTruthy();
});

test('a production call shows up in the Runs and Flows lists without a reload', async () => {
  const opened = streamOpened();
  await page.goto(`${backend!.baseUrl}/runs`);
  await page.locator('table tbody tr').first().waitFor();
  await opened;
  const rowsBefore = await page.locator('table tbody tr').count();
  await shot('runs-before');

  const run = await callTrigger(flow.webhookUrl, { order: 3 });
  const row = page.locator('table tbody tr', { has: page.locator(`a[href*="run=${run}"]`) });
  await row.waitFor();
  await row.getByText('succeeded').waitFor();
  expect(await page.locator('table tbody tr').count()).toBe(rowsBefore + 1);
  await shot('runs-after');

  // A page change within the app keeps the same stream.
  await page.getByRole('link', { name: 'Flows', exact: true }).first().click();
  await page.waitForURL(/\/flows$/);
  const flowRow = page.locator('table tbody tr', { hasText: 'Orders live' });
  const runsCell = flowRow.locator('td').nth(4);
  await runsCell.getByText(String(rowsBefore + 1)).waitFor();
  await callTrigger(flow.webhookUrl, { order: 4 });
  await runsCell.getByText(String(rowsBefore + 2)).waitFor();
  await shot('flows-after-run');
});

test('an edit of a published flow says "unpublished changes" in the editor and the list', async () => {
  const opened = streamOpened();
  await page.goto(`${backend!.baseUrl}/flows/${flow.id}`);
  await opened;
  const toolbar = page.locator('.editor__toolbar');
  await toolbar.getByText('published', { exact: true }).waitFor();
  await toolbar.getByText('v1 live').waitFor();
  await shot('badge-before');

  // Move a step: the draft now differs from the published version.
  const node = page.getByTestId('flow-canvas').locator('.react-flow__node[data-id="call"]');
  const box = (await node.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 8 });
  await page.mouse.up();
  await toolbar.getByText('unpublished changes').waitFor();
  await expect(toolbar.getByText('published', { exact: true }).count()).resolves.toBe(0);
  await shot('badge-after');

  await page.getByRole('link', { name: 'Back to flows' }).click();
  await page.waitForURL(/\/flows$/);
  await page
    .locator('table tbody tr', { hasText: 'Orders live' })
    .getByText('unpublished changes')
    .waitFor();
  await shot('flows-badge-after');
});
