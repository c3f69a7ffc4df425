// The floors: bare node:http (202), node:http + BullMQ add (accept-and-enqueue), the durable
// floor (HMAC + PostgreSQL INSERT with synchronous commit, with and without BullMQ add), a raw
// BullMQ Worker doing the flow's one HTTP call (end-to-end and worker-throughput floor), and
// PGlite on its own (the idle floor of embedded mode).
import { fileURLToPath } from 'node:url';
import { createRedisBackend, withBackend } from 'bullmq';
import { Redis } from 'ioredis';
import { freePort, start } from './procs.mjs';

const script = (name) => fileURLToPath(new URL(`../servers/${name}.mjs`, import.meta.url));

async function waitListening(url, child) {
  // Floors have no GET route that answers 200; any HTTP answer means listening.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${child.benchName} exited: ${child.tail()}`);
    try {
      await fetch(url, { method: 'POST', body: '{}' });
      return;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`${child.benchName} not listening: ${child.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startFloorHttp() {
  const port = await freePort();
  const child = start('floor-http', process.execPath, [script('floor-http')], {
    env: { PORT: String(port) },
  });
  const url = `http://127.0.0.1:${port}/hooks/floor`;
  await waitListening(url, child);
  return { url, child, stop: () => child.stop() };
}

/**
 * The durable floor on database `databaseUrl` (its own scratch database): `withQueue` adds the
 * BullMQ add after the commit, on a dedicated queue that `stop()` obliterates.
 */
export async function startFloorDurable({ databaseUrl, redisUrl, secret, withQueue }) {
  const queueName = `hookflow-bench-durable-${process.pid}`;
  const port = await freePort();
  const env = {
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_NAME: queueName,
    HMAC_SECRET: secret,
    WITH_QUEUE: withQueue ? '1' : '0',
  };
  const name = withQueue ? 'floor-durable' : 'floor-durable-noqueue';
  const child = start(name, process.execPath, [script('floor-durable')], { env });
  const url = `http://127.0.0.1:${port}/hooks/floor`;
  await waitListening(url, child);
  return {
    url,
    child,
    async stop() {
      await child.stop();
      if (!withQueue) return;
      const { Queue } = withBackend(createRedisBackend);
      const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const admin = new Queue(queueName, { connection });
      await admin.obliterate({ force: true }).catch(() => {});
      await admin.close();
      connection.disconnect();
    },
  };
}

/** PGlite alone in `dataDir`, after one write and one read; resolves once it is idle. */
export async function startPgliteIdle(dataDir) {
  const child = start('pglite-idle', process.execPath, [script('pglite-idle')], {
    env: { DATA_DIR: dataDir },
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  const deadline = Date.now() + 60_000;
  while (!child.tail().includes('READY')) {
    if (child.exitCode !== null) throw new Error(`pglite-idle exited: ${child.tail()}`);
    if (Date.now() > deadline) throw new Error(`pglite-idle not ready: ${child.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

/** node:http + BullMQ on a dedicated queue; `clean()` obliterates it, `stop()` too. */
export async function startFloorBullmq({ redisUrl, sinkUrl, concurrency }) {
  const queueName = `hookflow-bench-floor-${process.pid}`;
  const port = await freePort();
  const env = { PORT: String(port), REDIS_URL: redisUrl, QUEUE_NAME: queueName };
  const child = start('floor-bullmq', process.execPath, [script('floor-bullmq')], { env });
  const url = `http://127.0.0.1:${port}/hooks/floor`;
  await waitListening(url, child);
  const { Queue } = withBackend(createRedisBackend);
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const admin = new Queue(queueName, { connection });
  let worker;
  const floor = {
    url,
    child,
    queueName,
    async clean() {
      await admin.obliterate({ force: true });
    },
    async startWorker() {
      worker = start('raw-bullmq-worker', process.execPath, [script('raw-bullmq-worker')], {
        env: { ...env, SINK_URL: sinkUrl, WORKER_CONCURRENCY: String(concurrency) },
      });
      // Ready when connected: give BullMQ a moment to attach, fail fast if it died.
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (worker.exitCode !== null) throw new Error(`raw worker exited: ${worker.tail()}`);
    },
    async stopWorker() {
      await worker?.stop();
      worker = undefined;
    },
    async stop() {
      await floor.stopWorker();
      await child.stop();
      await floor.clean().catch(() => {});
      await admin.close();
      connection.disconnect();
    },
  };
  await floor.clean();
  return floor;
}
