/* Browser smoke test: the built editor served by the real backend, driven by Chromium. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  artifactsDir,
  launchChromium,
  startBackend,
  type RunningBackend,
} from './support/hookflow-backend';

let backend: RunningBackend | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  backend = await startBackend();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
}, 30_000);

test('signs up, shows the empty flow list and creates a flow on the canvas', async () => {
  const baseUrl = backend!.baseUrl;
  await page.goto(`${baseUrl}/`);

  // Anonymous visitors are sent to the log-in page.
  await page.waitForURL(`${baseUrl}/login`);
  await page.getByRole('status').filter({ hasText: 'Ready' }).waitFor();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Name').fill('Smoke');
  await page.getByLabel('E-mail').fill('smoke@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();

  await page.waitForURL(`${baseUrl}/flows`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Flows' })
    .waitFor();
  await page.getByText('No flows yet — start from a template').waitFor();
  await page.getByRole('link', { name: 'Browse templates' }).waitFor();
  await page.screenshot({ path: path.join(artifactsDir, 'smoke-flow-list.png'), fullPage: true });

  await page.getByRole('button', { name: 'New flow' }).click();
  await page.getByRole('button', { name: 'Create flow' }).click();

  await page.waitForURL(/\/flows\/[^/]+$/);
  const node = page.locator('[data-testid=flow-canvas] .react-flow__node');
  await node.first().waitFor({ state: 'visible' });
  expect(await node.count()).toBe(1);
  expect(await node.first().innerText()).toContain('Webhook');
  await page.screenshot({ path: path.join(artifactsDir, 'smoke-canvas.png'), fullPage: true });

  // Dragging goes through the store's definition; the node must stay where it was dropped
  // (React Flow spends the first pointer move on starting the drag, hence the loose bounds).
  const before = (await node.first().boundingBox())!;
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 150, before.y + before.height / 2 + 80, {
    steps: 10,
  });
  await page.mouse.up();
  await page
    .getByRole('status', { name: 'Save status' })
    .filter({ hasText: 'All changes saved' })
    .waitFor();
  const after = (await node.first().boundingBox())!;
  expect(after.x - before.x).toBeGreaterThan(100);
  expect(after.y - before.y).toBeGreaterThan(50);

  // The move was saved: a reload (through the server's SPA fallback) shows the node where it was left.
  await page.reload();
  await node.first().waitFor({ state: 'visible' });
  await page.getByText('Select a step').or(page.getByText('Add the first step')).waitFor();
});
