/*
 * A new user's first session in Chromium leaves the browser console clean: sign-up, opening
 * the editor, building a flow, logging out and in again straight into the editor. Any error or
 * warning the page logs (including Chromium's own DOM advice and failed-request lines) fails.
 */
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { launchChromium, startBackend, type RunningBackend } from './support/hookflow-backend';

let backend: RunningBackend | undefined;
let browser: Browser | undefined;
let page: Page;
const logged: string[] = [];

// Chromium reports its DOM advice ("Password field is not contained in a form") as 'verbose'.
const REPORTED = new Set(['error', 'warning', 'verbose']);

beforeAll(async () => {
  backend = await startBackend();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (message: ConsoleMessage) => {
    if (REPORTED.has(message.type()))
      logged.push(`${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => logged.push(`uncaught: ${error.message}`));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
}, 30_000);

const canvasNode = (id: string) =>
  page.getByTestId('flow-canvas').locator(`.react-flow__node[data-id="${id}"]`);

const allSaved = () =>
  page
    .getByRole('status', { name: 'Save status' })
    .filter({ hasText: 'All changes saved' })
    .waitFor();

test('sign-up, building a flow and logging in again log nothing to the console', async () => {
  const baseUrl = backend!.baseUrl;
  // Signed out, an editor address goes to the log-in page; from there, to sign-up.
  await page.goto(`${baseUrl}/flows`);
  await page.waitForURL(`${baseUrl}/login`);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Name').fill('Ada');
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${baseUrl}/flows`);

  await page.getByRole('button', { name: 'New flow' }).click();
  await page.getByLabel('Flow name').fill('Orders to CRM');
  await page.getByRole('button', { name: 'Create flow' }).click();
  await page.waitForURL(/\/flows\/[^/?]+$/);
  const editorUrl = page.url();

  // Build: webhook (with an HMAC secret: a password field) → HTTP request → transform.
  await canvasNode('n1').click();
  await page.locator('#node-n1-auth-type').selectOption('hmac');
  await page.locator('#node-n1-auth-secret').fill('a-signing-secret');
  await page.locator('[data-node-type="http.request"]').click();
  await canvasNode('n2').waitFor();
  await page.locator('#node-n2-url').fill('https://example.com/orders');
  await page.locator('[data-node-type="data.transform"]').click();
  await canvasNode('n3').waitFor();
  await allSaved();

  // Undo from the side panel (focus on a button there), not from the canvas.
  await page.getByRole('button', { name: '+ Add fields' }).focus();
  await page.keyboard.press('Control+z');
  await canvasNode('n3').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+Shift+z');
  await canvasNode('n3').waitFor();
  // In a text field, Ctrl+Z is the field's own.
  await canvasNode('n2').click();
  await page.getByLabel('Step name').fill('Create order');
  await page.keyboard.press('Control+z');
  expect(await canvasNode('n3').count()).toBe(1);
  expect(await canvasNode('n2').count()).toBe(1);
  await allSaved();

  // Publish is refused with issues: a 400 the editor expects and shows.
  await page.getByRole('button', { name: /^\d+ issues?$/ }).click();
  await page.getByRole('list', { name: 'Issues' }).getByRole('button').first().click();

  // A credential with a secret, and a template that asks for one: password fields in forms.
  await page.goto(`${baseUrl}/credentials`);
  await page.getByRole('button', { name: 'New credential' }).first().click();
  const newCredential = page.getByRole('dialog', { name: 'New credential' });
  await newCredential.getByLabel('Type').selectOption('http.bearer');
  await newCredential.getByLabel('Name').fill('CRM token');
  await newCredential.getByLabel(/Token/).fill('tok-123');
  await newCredential.getByRole('button', { name: 'Create credential' }).click();
  await newCredential.waitFor({ state: 'detached' });
  await page.goto(`${baseUrl}/templates`);
  await page
    .getByRole('article', { name: 'GitHub push → Slack message' })
    .getByRole('button', { name: 'Use template' })
    .click();
  const useTemplate = page.getByRole('dialog', { name: 'Use “GitHub push → Slack message”' });
  await useTemplate.getByLabel('GitHub webhook: Signing secret').fill('gh-secret');
  await useTemplate.getByRole('button', { name: 'Cancel' }).click();

  // Log out, then open the editor's address and log in: straight back into the editor.
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.waitForURL(`${baseUrl}/login`);
  await page.goto(editorUrl);
  await page.waitForURL(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(editorUrl);
  await canvasNode('n3').waitFor();
  await page.getByRole('heading', { name: 'Orders to CRM' }).waitFor();

  // A fresh tab on the team's pages, before and after log-in.
  await page.reload();
  await canvasNode('n1').waitFor();

  expect(logged).toEqual([]);
});
