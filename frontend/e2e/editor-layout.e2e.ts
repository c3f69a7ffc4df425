/*
 * The editor's layout and its helpers in Chromium: the toolbar on one row at 1280 and 1024 px,
 * collapsible side panels, palette clicks that connect after the selection, a refused second
 * trigger, the clickable issue list, and dark mode from the system setting.
 */
import type { FlowDefinition, FlowView } from '@hookflow/shared';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiCall } from './support/api-call';
import {
  launchChromium,
  repoRoot,
  startBackend,
  type RunningBackend,
} from './support/hookflow-backend';
import { logInThroughForm, signUpByApi } from './support/accounts';

let backend: RunningBackend | undefined;
let browser: Browser | undefined;
let page: Page;
let owner: { token: string; teamId: string };

const TOOLBAR_ITEMS =
  '.editor__toolbar-start > *, .editor__toolbar-tools > *, .editor__actions > *';

const canvasNode = (id: string) =>
  page.getByTestId('flow-canvas').locator(`.react-flow__node[data-id="${id}"]`);

async function createFlow(name: string, definition?: FlowDefinition): Promise<string> {
  const flow = await apiCall<FlowView>(
    backend!.baseUrl,
    'POST',
    `/api/teams/${owner.teamId}/flows`,
    { name, ...(definition ? { definition } : {}) },
    owner.token,
  );
  return flow.id;
}

/** Bounding boxes of every toolbar item; all must be visible. */
async function toolbarBoxes() {
  const items = page.locator(TOOLBAR_ITEMS);
  const boxes = [];
  for (let i = 0; i < (await items.count()); i++) {
    const box = await items.nth(i).boundingBox();
    if (!box) throw new Error(`toolbar item ${i} is not visible`);
    boxes.push({ ...box, text: (await items.nth(i).innerText()).trim() });
  }
  return boxes;
}

/** One row: every item overlaps every other vertically, and none leaves the viewport. */
async function expectToolbarOnOneRow(width: number) {
  const boxes = await toolbarBoxes();
  expect(boxes.length).toBeGreaterThanOrEqual(12);
  const lowestTop = Math.max(...boxes.map((box) => box.y));
  const highestBottom = Math.min(...boxes.map((box) => box.y + box.height));
  expect(lowestTop).toBeLessThan(highestBottom);
  for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(width);
  const toolbar = (await page.locator('.editor__toolbar').boundingBox())!;
  expect(toolbar.height).toBeLessThan(60);
}

beforeAll(async () => {
  backend = await startBackend();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const signedUp = await signUpByApi(backend.baseUrl, 'Ada', 'ada@example.com');
  owner = { token: signedUp.token, teamId: signedUp.team.id };
  await logInThroughForm(page, backend.baseUrl, 'ada@example.com');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
}, 30_000);

test('the toolbar fits on one row at 1280 px, with a long flow name and issues', async () => {
  const flowId = await createFlow('Orders to the CRM and the warehouse, every hour');
  await page.goto(`${backend!.baseUrl}/flows/${flowId}`);
  await canvasNode('n1').click();
  // A step with a missing field makes the issue counter appear, the widest toolbar there is.
  await page.locator('[data-node-type="slack.message"]').click();
  await page.getByRole('button', { name: /^\d+ issues?$/ }).waitFor();

  await page.screenshot({
    path: path.join(repoRoot, 'frontend/test-artifacts/editor-toolbar-1280.png'),
  });
  await expectToolbarOnOneRow(1280);
});

test('at 1024 px the toolbar still fits and the side panels fold away for the canvas', async () => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: path.join(repoRoot, 'frontend/test-artifacts/editor-1024.png') });
  await expectToolbarOnOneRow(1024);
  // The top bar fits too, and nothing makes the page scroll sideways.
  for (const item of await page.locator('.topbar > *').all())
    expect((await item.boundingBox())!.x + (await item.boundingBox())!.width).toBeLessThanOrEqual(
      1024,
    );
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1024);
  const canvas = page.getByTestId('flow-canvas');
  const before = (await canvas.boundingBox())!.width;
  expect(before).toBeGreaterThan(450);

  await page.getByRole('button', { name: 'Hide the steps palette' }).click();
  await page.getByRole('button', { name: 'Hide the side panel' }).click();
  expect(await page.getByRole('complementary', { name: 'Node palette' }).count()).toBe(0);
  expect((await canvas.boundingBox())!.width).toBeGreaterThan(1000);

  await page.getByRole('button', { name: 'Show the steps palette' }).click();
  await page.getByRole('button', { name: 'Show the side panel' }).click();
  await page.getByRole('complementary', { name: 'Node palette' }).waitFor();
  expect((await canvas.boundingBox())!.width).toBeCloseTo(before, 0);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('a palette click connects after the selection; a second trigger is refused', async () => {
  const flowId = await createFlow('Palette');
  await page.goto(`${backend!.baseUrl}/flows/${flowId}`);
  await canvasNode('n1').click();
  await page.locator('[data-node-type="http.request"]').click();
  await canvasNode('n2').waitFor();
  await page.locator('[data-node-type="data.transform"]').click();
  await canvasNode('n3').waitFor();
  // Saved as built: trigger → HTTP request → Transform data, left to right.
  await page
    .getByRole('status', { name: 'Save status' })
    .filter({ hasText: 'All changes saved' })
    .waitFor();
  const saved = await apiCall<FlowView>(
    backend!.baseUrl,
    'GET',
    `/api/teams/${owner.teamId}/flows/${flowId}`,
    undefined,
    owner.token,
  );
  expect(saved.definition.edges.map(({ source, target }) => [source, target])).toEqual([
    ['n1', 'n2'],
    ['n2', 'n3'],
  ]);
  const [n1, n2, n3] = saved.definition.nodes.map((node) => node.position);
  expect(n1.x).toBeLessThan(n2.x);
  expect(n2.x).toBeLessThan(n3.x);
  expect(n3.y).toBe(n2.y);
  // The step titles are the catalog's words, with its icon.
  expect(await canvasNode('n2').innerText()).toContain('HTTP request');
  expect(await page.getByTestId('flow-canvas').innerText()).not.toContain('http.request');
  expect(await canvasNode('n2').locator('svg[data-icon="globe"]').count()).toBe(1);

  // Everything on screen (the canvas only renders visible nodes), then try a second trigger.
  await page.getByRole('button', { name: 'Zoom to fit' }).click();
  await canvasNode('n1').waitFor();
  await page.locator('[data-node-type="trigger.schedule"]').click();
  const notice = page.getByRole('alert').filter({ hasText: 'already starts this one' });
  await notice.waitFor();
  expect(await notice.innerText()).toContain('“Webhook”');
  expect(await page.getByTestId('flow-canvas').locator('.react-flow__node').count()).toBe(3);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await notice.waitFor({ state: 'detached' });

  // By drag as well.
  const box = (await page.getByTestId('flow-canvas').boundingBox())!;
  await page.locator('[data-node-type="trigger.manual"]').dragTo(page.getByTestId('flow-canvas'), {
    targetPosition: { x: box.width / 2, y: box.height - 80 },
  });
  await page.getByRole('alert').filter({ hasText: 'already starts this one' }).waitFor();
  expect(await page.getByTestId('flow-canvas').locator('.react-flow__node').count()).toBe(3);
});

test('the issue list names steps in plain words and selects the one clicked', async () => {
  const counter = page.getByRole('button', { name: /^\d+ issues?$/ });
  await counter.waitFor();
  await counter.click();
  const list = page.getByRole('list', { name: 'Issues' });
  const transform = list.getByRole('button', { name: /^Transform data/ });
  expect(await transform.innerText()).toContain('“Fields” is required');
  expect(await list.innerText()).not.toMatch(/\(n\d\)|field "/);
  await transform.click();
  await list.waitFor({ state: 'detached' });
  await canvasNode('n3').locator('.flow-node--selected').waitFor();
  expect(await page.getByLabel('Step name').inputValue()).toBe('Transform data');
});

test('follows the system dark mode', async () => {
  const background = () =>
    page.evaluate(
      () => getComputedStyle(document.querySelector('.editor__toolbar')!).backgroundColor,
    );
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(dark).not.toBe(light);
  // Dark means dark: the toolbar's red, green and blue all under a quarter.
  const channels = dark.match(/\d+/g)!.slice(0, 3).map(Number);
  for (const channel of channels) expect(channel).toBeLessThan(64);
  await page.screenshot({ path: path.join(repoRoot, 'frontend/test-artifacts/editor-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
});
