/*
 * The editor end to end: sign up, build a webhook → HTTP flow on the canvas, publish, call the
 * trigger URL, watch the run on the canvas; then a failing step, fixed and retried.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

async function callTrigger(url: string, body: unknown): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { executionId: string }).executionId;
}

test('builds, publishes and runs a webhook → HTTP flow, then retries a failed step', async () => {
  const baseUrl = backend!.baseUrl;
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Name').fill('Ada');
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${baseUrl}/flows`);

  await page.getByRole('button', { name: 'New flow' }).click();
  await page.getByLabel('Flow name').fill('Orders to CRM');
  await page.getByRole('button', { name: 'Create flow' }).click();
  await page.waitForURL(/\/flows\/[^/?]+$/);
  const flowUrl = page.url();
  const canvas = page.getByTestId('flow-canvas');
  const nodeById = (id: string) => canvas.locator(`.react-flow__node[data-id="${id}"]`);
  await nodeById('n1').waitFor();

  // Drag an HTTP step from the palette onto the canvas, right of the trigger.
  const box = (await canvas.boundingBox())!;
  await page.locator('[data-node-type="http.request"]').dragTo(canvas, {
    targetPosition: { x: box.width * 0.75, y: box.height / 2 },
  });
  await nodeById('n2').waitFor();

  // Connect the trigger's output handle to the HTTP step's input handle.
  const from = (await nodeById('n1').locator('.react-flow__handle.source').boundingBox())!;
  const to = (await nodeById('n2').locator('.react-flow__handle.target').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
  await canvas.locator('.react-flow__edge').first().waitFor();

  // Configure the step (selected on drop): POST to the sink with a header mapped from the trigger.
  await nodeById('n2').click();
  await page.locator('#node-n2-method').selectOption('POST');
  await page.locator('#node-n2-url').fill(sink.url);
  await page.getByRole('button', { name: '+ Add headers' }).click();
  await page.getByLabel('Headers name 1').fill('X-User');
  await page.locator('#node-n2-headers-value-0').click();
  await page.locator('button[title="{{ trigger.body.sender.login }}"]').click();
  expect(await page.locator('#node-n2-headers-value-0').inputValue()).toBe(
    '{{ trigger.body.sender.login }}',
  );
  await page
    .locator('#node-n2-body')
    .fill('{"event": "push", "repo": "{{ trigger.body.repository.full_name }}"}');
  await page
    .getByRole('status', { name: 'Save status' })
    .filter({ hasText: 'All changes saved' })
    .waitFor();
  await shot('editor-canvas');

  // Publish.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await dialog.getByText('Published version 1').waitFor();
  await shot('editor-published');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The trigger panel shows the production URL.
  await nodeById('n1').click();
  const webhookUrl = await page
    .getByLabel('Production URL (runs the published version)')
    .inputValue();
  await shot('editor-trigger-panel');

  // A call to the trigger URL runs the published flow; the run lights up green on the canvas.
  const payload = { sender: { login: 'ada' }, repository: { full_name: 'acme/shop' } };
  const okRun = await callTrigger(webhookUrl, payload);
  await page.goto(`${flowUrl}?run=${okRun}`);
  await nodeById('n2').locator('.flow-node--succeeded').waitFor({ timeout: 30_000 });
  await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();
  await nodeById('n2').click();
  await page.getByTestId('step-output').filter({ hasText: '"received": 1' }).waitFor();
  await shot('editor-run-succeeded');
  expect(sink.requests[0]).toMatchObject({ method: 'POST', headers: { 'x-user': 'ada' } });
  expect(JSON.parse(sink.requests[0].body)).toEqual({ event: 'push', repo: 'acme/shop' });

  // The sink refuses: the step turns red with its error; fixed, "retry from failed step" goes green.
  sink.setStatus(400);
  const failedRun = await callTrigger(webhookUrl, payload);
  await page.goto(`${flowUrl}?run=${failedRun}`);
  await nodeById('n2').locator('.flow-node--failed').waitFor({ timeout: 30_000 });
  await nodeById('n2').click();
  await page.getByRole('alert').filter({ hasText: '400' }).waitFor();
  await shot('editor-run-failed');

  sink.setStatus(200);
  await page.getByRole('button', { name: 'Retry from failed step' }).click();
  await page
    .getByTestId('run-status')
    .filter({ hasText: 'succeeded' })
    .waitFor({ timeout: 30_000 });
  await nodeById('n2').locator('.flow-node--succeeded').waitFor();
  await shot('editor-run-retried');

  // The runs page lists all three runs.
  await page.goto(`${baseUrl}/runs`);
  await page.locator('table .badge').first().waitFor();
  await shot('runs-page');
});
