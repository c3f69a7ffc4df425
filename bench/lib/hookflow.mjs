// Hookflow under test: build check, server mode (scratch Postgres db + Redis db, api + worker
// processes) and embedded mode (one process, temp DATA_DIR), plus the REST calls that set a flow up.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { freePort, start, waitReady } from './procs.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT_MAIN = join(ROOT, 'backend/dist/main.js');
/** Which build the Hookflow rows run: this tree's backend/dist, or `--backend=<main.js>`. */
let MAIN = BUILT_MAIN;
export function useBackend(mainJs) {
  MAIN = mainJs;
}
export const HMAC_SECRET = 'bench-hmac-secret-0123456789';

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function build(workspaces, log) {
  for (const ws of workspaces) {
    log(`  npm run build -w ${ws}`);
    const result = spawnSync('npm', ['run', 'build', '-w', ws], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (result.status !== 0) {
      const output = `${result.stdout}\n${result.stderr}`
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('npm error'))
        .slice(-12)
        .join('\n');
      return `npm run build -w ${ws} failed (exit ${result.status}):\n${output}`;
    }
  }
  return undefined;
}

/**
 * Builds what is missing or older than its sources: shared + backend for the processes,
 * frontend for the editor. A failed build with an older build present is reported and the
 * older build is measured (the note says so); with none present it throws.
 */
export function ensureBuilt({ frontend = false, log }) {
  const notes = [];
  const sharedSrc = newestMtime(join(ROOT, 'shared/src'));
  const backendBuilt = existsSync(BUILT_MAIN) ? statSync(BUILT_MAIN).mtimeMs : 0;
  const backendSrc = Math.max(sharedSrc, newestMtime(join(ROOT, 'backend/src')));
  if (backendBuilt < backendSrc) {
    log('building the backend (backend/dist missing or older than backend/src, shared/src)');
    const error = build(['shared', 'backend'], log);
    if (error && !backendBuilt) throw new Error(error);
    if (error)
      notes.push(
        `backend build failed, measured the older backend/dist: ${error.split('\n').slice(0, 4).join(' / ')}`,
      );
  }
  if (frontend) {
    const index = join(ROOT, 'frontend/dist/index.html');
    const frontendBuilt = existsSync(index) ? statSync(index).mtimeMs : 0;
    if (frontendBuilt < Math.max(sharedSrc, newestMtime(join(ROOT, 'frontend/src')))) {
      log('building the frontend (frontend/dist missing or older than frontend/src)');
      const error = build(['frontend'], log);
      if (error && !frontendBuilt) notes.push(`frontend not built, editor skipped: ${error}`);
      else if (error)
        notes.push(
          `frontend build failed, measured the older frontend/dist: ${error.split('\n').slice(0, 4).join(' / ')}`,
        );
    }
  }
  return notes;
}

const baseEnv = (port, extra) => ({
  PORT: String(port),
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: 'warn',
  OUTBOUND_ALLOWLIST: '127.0.0.1/32',
  NODE_OPTIONS: '',
  ...extra,
});

/** The key prefix a Hookflow server on database `dbName` gives its queues (hookflow-server.ts). */
const queuePrefix = (dbName) => `hookflow:${dbName}`;

/**
 * Deletes the bench's own Hookflow queue keys from the Redis database `url` (the one it was
 * given): never FLUSHDB, never another database, never keys of anyone else sharing it.
 */
export async function clearBenchKeys(url, dbName = `hookflow_bench_${process.pid}`) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${queuePrefix(dbName)}:*`,
        'COUNT',
        1000,
      );
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Server mode: a scratch database `hookflow_bench_<pid>`, its queue keys in Redis `redisUrl` (and
 * only those) cleared, one api
 * and one worker process. `nodeArgs.api` adds flags (e.g. --cpu-prof) to the api process.
 */
export async function startServerMode({
  redisUrl,
  workerConcurrency = 50,
  nodeArgs = {},
  env: extraEnv = {},
}) {
  const dbName = `hookflow_bench_${process.pid}`;
  const databaseUrl = createServerDatabase(dbName);
  await clearBenchKeys(redisUrl, dbName);
  const shared = {
    ...extraEnv,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    WORKER_CONCURRENCY: String(workerConcurrency),
  };
  const apiPort = await freePort();
  const env = baseEnv(apiPort, { ...shared, ROLE: 'api' });
  const api = start('hookflow-api', process.execPath, [...(nodeArgs.api ?? []), MAIN], {
    env,
    cwd: ROOT,
  });
  const base = `http://127.0.0.1:${apiPort}`;
  const mode = {
    kind: 'server',
    base,
    api,
    worker: undefined,
    dbName,
    async startWorker() {
      const port = await freePort();
      this.worker = start('hookflow-worker', process.execPath, [...(nodeArgs.worker ?? []), MAIN], {
        env: baseEnv(port, { ...shared, ROLE: 'worker', PUBLIC_URL: base }),
        cwd: ROOT,
      });
      await waitReady(`http://127.0.0.1:${port}/readyz`, this.worker, 60_000);
      return this.worker;
    },
    async stopWorker() {
      await this.worker?.stop(30_000);
      this.worker = undefined;
    },
    async stop() {
      await Promise.all([this.worker?.stop(30_000), api.stop(30_000)]);
      dropServerDatabase(dbName);
      await clearBenchKeys(redisUrl, dbName).catch(() => {});
    },
  };
  try {
    await waitReady(`${base}/readyz`, api, 90_000);
    await mode.startWorker();
  } catch (error) {
    await mode.stop().catch(() => {});
    throw error;
  }
  return mode;
}

/** A scratch database on the local PostgreSQL; returns its URL. */
export function createServerDatabase(dbName) {
  execFileSync('createdb', ['-h', '127.0.0.1', '-U', 'postgres', dbName], { stdio: 'pipe' });
  return `postgres://postgres@127.0.0.1:5432/${dbName}`;
}

export function dropServerDatabase(dbName) {
  spawnSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', '--force', dbName], {
    stdio: 'pipe',
  });
}

/** Embedded mode: one process (API + worker + UI), PGlite in a temp DATA_DIR. */
export async function startEmbeddedMode({
  workerConcurrency = 50,
  nodeArgs = {},
  env: extraEnv = {},
} = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookflow-bench-'));
  const port = await freePort();
  const env = baseEnv(port, {
    ...extraEnv,
    DATA_DIR: dataDir,
    WORKER_CONCURRENCY: String(workerConcurrency),
  });
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'ROLE']) env[key] = '';
  const api = start('hookflow-embedded', process.execPath, [...(nodeArgs.api ?? []), MAIN], {
    env,
    cwd: ROOT,
  });
  const base = `http://127.0.0.1:${port}`;
  const mode = {
    kind: 'embedded',
    base,
    api,
    dataDir,
    async stop() {
      await api.stop(30_000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitReady(`${base}/readyz`, api, 120_000);
  } catch (error) {
    await mode.stop().catch(() => {});
    throw error;
  }
  return mode;
}

async function api(base, method, path, token, body) {
  const res = await fetchOrExplain(`${method} ${path}`, `${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 800)}`);
  return text ? JSON.parse(text) : {};
}

export async function signup(base) {
  const email = `bench-${process.pid}-${Date.now()}@example.test`;
  const out = await api(base, 'POST', '/api/auth/signup', undefined, {
    email,
    password: 'bench-password-123',
    name: 'Bench',
    session: 'bearer',
  });
  return { token: out.token, teamId: out.team?.id ?? out.teams?.[0]?.id, email };
}

const webhookNode = {
  id: 'hook',
  type: 'trigger.webhook',
  name: 'Webhook',
  position: { x: 0, y: 0 },
  config: {
    methods: ['POST'],
    auth: {
      type: 'hmac',
      secret: HMAC_SECRET,
      header: 'x-signature',
      algorithm: 'sha256',
      encoding: 'hex',
    },
  },
};

/**
 * webhook → `transforms` × data.transform (each passes `sentAt` on) → http.request POST sink.
 * One transform is the 3-step flow of the end-to-end, worker and capacity rows.
 */
export function endToEndDefinition(sinkUrl, transforms = 1) {
  const nodes = [webhookNode];
  const edges = [];
  for (let i = 1; i <= transforms; i += 1) {
    const from = i === 1 ? 'trigger.body' : `steps.map${i - 1}`;
    nodes.push({
      id: `map${i}`,
      type: 'data.transform',
      name: `Map ${i}`,
      position: { x: 250 * i, y: 0 },
      config: { fields: { sentAt: `{{ ${from}.sentAt }}` } },
    });
    edges.push({ id: `e${i}`, source: i === 1 ? 'hook' : `map${i - 1}`, target: `map${i}` });
  }
  nodes.push({
    id: 'call',
    type: 'http.request',
    name: 'Call sink',
    position: { x: 250 * (transforms + 1), y: 0 },
    config: { method: 'POST', url: sinkUrl, body: `{{ steps.map${transforms} }}` },
  });
  edges.push({ id: 'e-call', source: `map${transforms}`, target: 'call' });
  return { schemaVersion: 1, nodes, edges };
}

/** A straight chain of `count` nodes (webhook + data.transform steps) laid out on a grid. */
export function largeDefinition(count = 200) {
  const nodes = [{ ...webhookNode, position: { x: 0, y: 0 } }];
  const edges = [];
  for (let i = 1; i < count; i += 1) {
    nodes.push({
      id: `t${i}`,
      type: 'data.transform',
      name: `Step ${i}`,
      position: { x: (i % 10) * 260, y: Math.floor(i / 10) * 140 },
      config: { fields: { n: String(i) } },
    });
    edges.push({ id: `e${i}`, source: i === 1 ? 'hook' : `t${i - 1}`, target: `t${i}` });
  }
  return { schemaVersion: 1, nodes, edges };
}

export async function createFlow(base, session, name, definition, { publish = true } = {}) {
  const flow = await api(base, 'POST', `/api/teams/${session.teamId}/flows`, session.token, {
    name,
    definition,
  });
  if (!publish) return { id: flow.id };
  const published = await api(
    base,
    'POST',
    `/api/teams/${session.teamId}/flows/${flow.id}/publish`,
    session.token,
    {},
  );
  if (!published.webhookUrl)
    throw new Error(`publish returned no webhookUrl: ${JSON.stringify(published)}`);
  return { id: flow.id, webhookUrl: published.webhookUrl };
}

/** Sends one signed delivery and checks for a 2xx: fails fast with the server's answer. */
export async function probeTrigger(url, body, headers) {
  const res = await fetchOrExplain(`POST ${url}`, url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (res.status < 200 || res.status >= 300)
    throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

/** fetch whose errors name the call (a bare "aborted due to timeout" says nothing). */
async function fetchOrExplain(what, url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new Error(`${what}: ${error.message}`, { cause: error });
  }
}

export const newTempDir = (prefix) => mkdtempSync(join(tmpdir(), prefix));
