import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for.js';

const MAIN = join(import.meta.dirname, '../../dist/main.js');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A real Hookflow process (the compiled build, as `npm start` runs it), for crash tests. */
export class HookflowProcess {
  private child?: ChildProcess;
  url = '';

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<this> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    // Only what this process is given: the test runner's own DATABASE_URL etc. must not leak in.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      ...this.env,
      PORT: String(port),
    };
    this.child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    await waitFor(
      async () => (await fetch(`${this.url}/readyz`).catch(() => undefined))?.status === 200,
      60_000,
      `Hookflow on ${this.url}`,
    );
    return this;
  }

  /** kill -9: no shutdown hooks, running jobs left mid-flight. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || exited(child)) return;
    const exit = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exit;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || exited(child)) return;
    const exit = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  }
}

// A process ended by a signal has no exit code, only the signal's name.
const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
