/*
 * Browser smoke test: boots the real backend (embedded mode, fresh DATA_DIR) serving the built
 * editor, then drives it in Chromium. Needs `npm run build` first (backend/dist and frontend/dist).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const repoRoot = path.resolve(__dirname, '../..');
const backendMain = path.join(repoRoot, 'backend/dist/main.js');
const editorIndex = path.join(repoRoot, 'frontend/dist/index.html');
const artifactsDir = path.join(repoRoot, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const READY_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 10_000;

let backend: ChildProcess | undefined;
let backendOutput = '';
let dataDir: string;
let baseUrl: string;
let browser: Browser | undefined;
let page: Page;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`backend exited with ${child.exitCode}:\n${backendOutput}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`backend not ready within ${READY_TIMEOUT_MS / 1000} s:\n${backendOutput}`);
}

async function stopBackend(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  for (const required of [backendMain, editorIndex, CHROMIUM]) {
    if (!existsSync(required))
      throw new Error(`${required} is missing: run \`npm run build\` (and install chromium)`);
  }
  mkdirSync(artifactsDir, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'hookflow-e2e-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;

  // Embedded mode: no external database or queue, whatever the calling shell has set.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  backend = spawn(process.execPath, [backendMain], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  backend.stdout?.on('data', (chunk: Buffer) => (backendOutput += chunk.toString()));
  backend.stderr?.on('data', (chunk: Buffer) => (backendOutput += chunk.toString()));
  await waitUntilReady(baseUrl, backend);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (backend) await stopBackend(backend);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

test('opens the editor, shows the flow list and creates a new flow on the canvas', async () => {
  await page.goto(`${baseUrl}/`);

  await page.waitForURL(`${baseUrl}/flows`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Flows' })
    .waitFor();
  await page.getByRole('status').filter({ hasText: 'Ready' }).waitFor();
  await page.getByText('No flows yet — create your first flow').waitFor();
  await page.screenshot({ path: path.join(artifactsDir, 'smoke-flow-list.png'), fullPage: true });

  await page.getByRole('button', { name: 'New flow' }).click();

  await page.waitForURL(`${baseUrl}/flows/new`);
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
  await page.waitForTimeout(200);
  const after = (await node.first().boundingBox())!;
  expect(after.x - before.x).toBeGreaterThan(100);
  expect(after.y - before.y).toBeGreaterThan(50);

  // A client route loaded directly must come back from the server's SPA fallback.
  await page.reload();
  await node.first().waitFor({ state: 'visible' });
});
