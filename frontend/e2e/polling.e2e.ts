/*
 * "Poll an API" in Chromium against a real backend and a local orders API on 127.0.0.1: the
 * trigger panel shows the first poll's result, "Poll now" starts a run for the new item, and a
 * failing API is shown where it happens. The flow is set up through the API.
 */
import type { FlowView } from '@hookflow/shared';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { OrdersApiStandIn, pollingFlow } from '../../backend/src/polling/orders-api-stand-in';
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
const orders = new OrdersApiStandIn();

const callApi = <T>(method: string, url: string, body?: unknown, token = '') =>
  apiCall<T>(backend!.baseUrl, method, url, body, token);

beforeAll(async () => {
  await orders.add(2).start();
  backend = await startBackend({ OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  await orders.stop();
}, 30_000);

it('shows the first poll, polls on "Poll now" and shows a failing API in the trigger panel', async () => {
  const { token, team } = await signUpByApi(backend!.baseUrl, 'Pia', 'pia@example.com');
  const flow = await callApi<FlowView>(
    'POST',
    `/api/teams/${team.id}/flows`,
    { name: 'Orders', definition: pollingFlow(`${orders.url}/orders`) },
    token,
  );
  await callApi('POST', `/api/teams/${team.id}/flows/${flow.id}/publish`, undefined, token);

  // The poll the schedule makes right after publishing takes the baseline.
  const deliveries = `/api/teams/${team.id}/flows/${flow.id}/deliveries`;
  for (let tries = 0; ; tries++) {
    const listed = await callApi<{ items: unknown[] }>('GET', deliveries, undefined, token);
    if (listed.items.length) break;
    if (tries > 100) throw new Error('no poll after publishing');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  await logInWithCookie(page, backend!.baseUrl, 'pia@example.com');
  await page.goto(`${backend!.baseUrl}/flows/${flow.id}`);
  await page.getByTestId('flow-canvas').locator('.react-flow__node[data-id="poll"]').click();
  const panel = page.getByLabel('Polling');
  const lastPoll = (text: string | RegExp) =>
    panel.getByRole('status', { name: 'Last poll' }).filter({ hasText: text }).waitFor();
  await lastPoll('scheduled · First poll: 2 existing items recorded, no run started');

  orders.add(1);
  await panel.getByRole('button', { name: 'Poll now' }).click();
  await lastPoll(/Poll now · 200 · 3 found, 1 new · 1 run started/);
  await page.screenshot({ path: path.join(artifactsDir, 'poll-panel.png'), fullPage: true });

  // A poll in the list opens in the inspector, with its result and without replay buttons.
  await panel.getByRole('button', { name: /accepted.*1 new/ }).click();
  const inspector = page.getByLabel('Delivery details');
  await inspector.filter({ hasText: '3 found, 1 new' }).waitFor();
  expect(await inspector.getByRole('button', { name: 'Replay into draft' }).count()).toBe(0);
  await inspector.getByRole('button', { name: 'Open run' }).waitFor();

  orders.failNext(500);
  await panel.getByRole('button', { name: 'Poll now' }).click();
  await lastPoll(/answered 500 Internal Server Error/);
  // The failed poll opens by itself, with the API's answer.
  await inspector.filter({ hasText: 'scripted 500' }).waitFor();
  await page.screenshot({ path: path.join(artifactsDir, 'poll-panel-failed.png'), fullPage: true });
});
