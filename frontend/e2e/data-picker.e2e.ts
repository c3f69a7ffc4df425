/*
 * The data picker after a test run: an upstream step shows what it really produced (a value only
 * that run had), labelled with its source, instead of the node type's canned example.
 */
import path from 'node:path';
import type { FlowDefinition, FlowView } from '@hookflow/shared';
import type { Browser, Page } from 'playwright-core';
import { apiCall } from './support/api-call';
import { startSink } from './support/http-sink';
import {
  artifactsDir,
  launchChromium,
  startBackend,
  type RunningBackend,
} from './support/hookflow-backend';
import { logInWithCookie, signUpByApi } from './support/accounts';

let backend: RunningBackend | undefined;
let browser: Browser | undefined;
let sink: Awaited<ReturnType<typeof startSink>>;
let page: Page;

const shotDir = process.env.PICKER_SHOTS_DIR ?? artifactsDir;
const shot = (name: string) =>
  page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });

const ordersFlow = (sinkUrl: string): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    {
      id: 'n1',
      type: 'trigger.webhook',
      name: 'Order in',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'] },
    },
    {
      id: 'n2',
      type: 'data.transform',
      name: 'Shape',
      position: { x: 300, y: 0 },
      config: {
        fields: {
          customerEmail: '{{ trigger.body.email }}',
          total: '{{ trigger.body.total }}',
        },
      },
    },
    {
      id: 'n3',
      type: 'http.request',
      name: 'Tell CRM',
      position: { x: 600, y: 0 },
      config: { method: 'POST', url: `${sinkUrl}/crm`, body: { email: '' } },
    },
  ],
  edges: [
    { id: 'e1', source: 'n1', target: 'n2' },
    { id: 'e2', source: 'n2', target: 'n3' },
  ],
});

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

test('after a test run the picker offers the real output of the upstream step', async () => {
  const baseUrl = backend!.baseUrl;
  const { token, team } = await signUpByApi(baseUrl, 'Pat', 'pat@example.com');
  const flow = await apiCall<FlowView>(
    baseUrl,
    'POST',
    `/api/teams/${team.id}/flows`,
    { name: 'Orders', definition: ordersFlow(sink.url) },
    token,
  );

  // A test run: a request to the draft's test URL, run to the end.
  const response = await fetch(flow.testWebhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'only-in-the-run@example.com', total: 73.5 }),
  });
  expect(response.status).toBe(202);
  const { executionId } = (await response.json()) as { executionId: string };
  for (let tries = 0; ; tries++) {
    const run = await apiCall<{ status: string }>(
      baseUrl,
      'GET',
      `/api/teams/${team.id}/executions/${executionId}`,
      undefined,
      token,
    );
    if (run.status === 'succeeded') break;
    if (tries > 100) throw new Error(`run ended ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  await logInWithCookie(page, baseUrl, 'pat@example.com');
  // A fresh page load: nothing from this browser session fed the picker.
  await page.goto(`${baseUrl}/flows/${flow.id}`);
  await page.getByTestId('flow-canvas').locator('.react-flow__node[data-id="n3"]').click();

  const picker = page.getByLabel('Data picker');
  const shape = picker.getByRole('button', { name: /Shape/ });
  await shape.click();
  await picker
    .getByRole('button', { name: 'customerEmail "only-in-the-run@example.com"' })
    .waitFor();
  expect(await shape.textContent()).toMatch(/from test run (just now|\d+ s ago)/);
  expect(await picker.getByText('"ada@example.com"').count()).toBe(0);

  // A number picked into the JSON body stays a number: quoted placeholder, valid JSON.
  const body = page.getByLabel('Body');
  await body.fill('{"total": , "email": "x"}');
  await page.getByText('Not JSON, sent as text: missing value at line 1 col 11').waitFor();
  await body.focus();
  await body.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(10, 10));
  await picker.getByTitle('{{ steps.n2.total }}').click();
  expect(await body.inputValue()).toBe('{"total": "{{ steps.n2.total }}", "email": "x"}');
  await page.getByText('JSON value', { exact: true }).waitFor();
  // The preview resolves it against the real output: a number, not "" or an example value.
  await page.getByText('→ {"total":73.5,"email":"x"}').waitFor();
  await shot('picker-after');
  await body.scrollIntoViewIfNeeded();
  await shot('picker-after-json');
});
