/*
 * "Rotate" in the trigger panel, in Chromium against a real backend: the stored GitHub secret
 * (which the editor only sees masked) becomes the previous one, a generated secret the current
 * one, and after publishing both sign deliveries that pass; a third secret does not.
 */
import type { FlowDefinition, FlowView } from '@hookflow/shared';
import { createHmac } from 'node:crypto';
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

const callApi = <T>(method: string, url: string, body?: unknown, token = '') =>
  apiCall<T>(backend!.baseUrl, method, url, body, token);

const definition: FlowDefinition = {
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'GitHub push',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth: { type: 'github', secret: 'first-github-secret' } },
    },
  ],
  edges: [],
};

beforeAll(async () => {
  backend = await startBackend();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
}, 30_000);

it('rotates the GitHub secret: old and new both verify after publishing', async () => {
  const { token, team } = await signUpByApi(backend!.baseUrl, 'Rio', 'rio@example.com');
  const flow = await callApi<FlowView>(
    'POST',
    `/api/teams/${team.id}/flows`,
    { name: 'Pushes', definition },
    token,
  );

  await logInWithCookie(page, backend!.baseUrl, 'rio@example.com');
  await page.goto(`${backend!.baseUrl}/flows/${flow.id}`);
  await page.getByTestId('flow-canvas').locator('.react-flow__node[data-id="hook"]').click();

  const rotation = page.getByTestId('secret-rotation');
  await rotation.getByRole('button', { name: 'Rotate…' }).click();
  await rotation.getByRole('button', { name: 'Generate' }).click();
  const newSecret = await rotation.getByLabel('New secret').inputValue();
  expect(newSecret).toMatch(/^[0-9a-f]{64}$/);
  await rotation.getByLabel('Keep accepting the current secret for').selectOption('1 day');
  await rotation.getByRole('button', { name: 'Rotate', exact: true }).click();
  await rotation.getByRole('status').filter({ hasText: 'still accepted until' }).waitFor();
  await page
    .getByRole('status', { name: 'Save status' })
    .filter({ hasText: 'All changes saved' })
    .waitFor();
  await page.screenshot({ path: path.join(artifactsDir, 'secret-rotation.png'), fullPage: true });

  const published = await callApi<{ webhookUrl: string }>(
    'POST',
    `/api/teams/${team.id}/flows/${flow.id}/publish`,
    undefined,
    token,
  );
  const body = '{"ref":"refs/heads/main"}';
  const send = (secret: string) =>
    fetch(published.webhookUrl, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      },
    });
  expect((await send(newSecret)).status).toBe(202);
  expect((await send('first-github-secret')).status).toBe(202);
  expect((await send('a-third-secret')).status).toBe(401);
});
