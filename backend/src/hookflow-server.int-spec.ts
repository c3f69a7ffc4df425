import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from './config/app-config.js';
import { startServer, type RunningServer } from './hookflow-server.js';
import { QueueConnection } from './queue/queue-connection.js';
import { createScratchDatabase } from './test-support/scratch-database.js';
import { testEnvironments } from './test-support/environments.js';

const quiet = { LOG_LEVEL: 'error', PORT: '0' };

describe.each(testEnvironments())('Hookflow server in $name mode', (environment) => {
  const settings = async () => {
    const { env, cleanup } = await environment.appSettings();
    cleanups.push(cleanup);
    return env;
  };
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('answers /healthz and reports database and queue ready on /readyz', async () => {
    const server = await startServer(loadConfig({ ...quiet, ...(await settings()) }));
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        checks: { database: { ok: true }, queue: { ok: true } },
      });
    } finally {
      await server.stop();
    }
  });

  it('commits step progress asynchronously only in a server-mode worker that opts in', async () => {
    const env = await settings();
    const commitMode = async (role: string, extra: Record<string, string> = {}) => {
      const server = await startServer(loadConfig({ ...quiet, ...env, ...extra, ROLE: role }));
      try {
        const [row] = await server.app.get(DataSource).query('SHOW synchronous_commit');
        return (row as { synchronous_commit: string }).synchronous_commit;
      } finally {
        await server.stop();
      }
    };

    // Durable by default: WORKER_ASYNC_COMMIT trades a database crash's last second for speed.
    expect(await commitMode('worker')).toBe('on');
    const optedIn = { WORKER_ASYNC_COMMIT: 'true' };
    expect(await commitMode('all', optedIn)).toBe('on');
    if (environment.name !== 'embedded') expect(await commitMode('worker', optedIn)).toBe('off');
  });

  it('lets a running job finish before it stops', async () => {
    const server = await startServer(loadConfig({ ...quiet, ...(await settings()) }));
    const queues = server.app.get(QueueConnection);
    const name = `shutdown-${Date.now()}`;
    const events: string[] = [];
    queues.createWorker(name, async () => {
      events.push('job started');
      await new Promise((resolve) => setTimeout(resolve, 700));
      events.push('job finished');
    });
    await queues.createQueue(name).add('slow', {});
    while (!events.includes('job started')) await new Promise((resolve) => setTimeout(resolve, 20));
    await server.stop();
    events.push('stopped');
    expect(events).toEqual(['job started', 'job finished', 'stopped']);
  });
});

describe('Hookflow server in embedded mode', () => {
  it('keeps its data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookflow-restart-'));
    const boot = () => startServer(loadConfig({ ...quiet, DATA_DIR: dataDir }));
    let server: RunningServer = await boot();
    const { DataSource } = await import('typeorm');
    await server.app.get(DataSource).query('CREATE TABLE hookflow.restart_probe (value text)');
    await server.app.get(DataSource).query(`INSERT INTO hookflow.restart_probe VALUES ('kept')`);
    await server.stop();
    server = await boot();
    try {
      expect(
        await server.app.get(DataSource).query('SELECT value FROM hookflow.restart_probe'),
      ).toEqual([{ value: 'kept' }]);
    } finally {
      await server.stop();
    }
  });

  it('refuses a second process on the same DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookflow-lock-'));
    const { EmbeddedPostgres } = await import('./database/embedded-postgres.js');
    const first = await EmbeddedPostgres.start(dataDir);
    try {
      // Simulate another live process holding the lock: our own pid is treated as "us", so use the parent's.
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dataDir, 'hookflow.pid'), String(process.ppid));
      await expect(EmbeddedPostgres.start(dataDir)).rejects.toThrow(
        `is in use by process ${process.ppid}`,
      );
    } finally {
      await first.stop();
    }
  });
});

const serverUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
// With the queue on Redis: BullMQ's Postgres backend busy-loops reconnecting when its database
// vanishes (known issue, see the README), which would starve this very check.
if (serverUrl && redisUrl) {
  describe('Hookflow server when its database goes away', () => {
    it('answers /readyz with 503 naming what is down', async () => {
      const scratch = await createScratchDatabase(serverUrl);
      const server = await startServer(
        loadConfig({
          ...quiet,
          DATABASE_URL: scratch.url,
          REDIS_URL: redisUrl,
          ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
          JWT_SECRET: 'a-long-enough-jwt-secret-for-this-test',
        }),
      );
      try {
        await scratch.drop(); // terminates every connection and removes the database
        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status).toBe(503);
        const report = (await ready.json()) as {
          status: string;
          checks: Record<string, { ok: boolean; error?: string }>;
        };
        expect(report.status).toBe('unavailable');
        expect(report.checks.database.ok).toBe(false);
        expect(report.checks.database.error).toEqual(expect.any(String));
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      } finally {
        await server.stop().catch(() => undefined);
      }
      // the scratch database is gone already; prove it so the test cannot pass on a live one
      const client = new pg.Client({ connectionString: scratch.url });
      await expect(client.connect()).rejects.toThrow();
    });
  });
}
