/*
 * Boots the real backend (embedded mode, fresh DATA_DIR) serving the built editor, and Chromium.
 * Needs `npm run build` first (backend/dist and frontend/dist).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '../../..');
export const artifactsDir = path.join(repoRoot, 'test-artifacts');
const backendMain = path.join(repoRoot, 'backend/dist/main.js');
const editorIndex = path.join(repoRoot, 'frontend/dist/index.html');
const CHROMIUM = '/usr/bin/chromium';
const READY_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 10_000;

export function freePort(): Promise<number> {
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

export interface RunningBackend {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startBackend(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningBackend> {
  for (const required of [backendMain, editorIndex, CHROMIUM]) {
    if (!existsSync(required))
      throw new Error(`${required} is missing: run \`npm run build\` (and install chromium)`);
  }
  mkdirSync(artifactsDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hookflow-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  // Embedded mode: no external database or queue, whatever the calling shell has set.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Trigger URLs on the same origin as the editor the browser opens.
    PUBLIC_URL: baseUrl,
    ...extraEnv,
    PORT: String(port),
    DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  let output = '';
  const child = spawn(process.execPath, [backendMain], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`backend exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`backend not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, output: () => output, stop };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}
