#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --peers] [-- --profile] [-- --only=floors,server,embedded,idle,editor,peers]`
// Starts everything on 127.0.0.1, measures, stops everything, writes bench/results/<date>.json and
// prints a Markdown table with the targets of issue 13. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureEditor } from './lib/editor.mjs';
import {
  startFloorBullmq,
  startFloorDurable,
  startFloorHttp,
  startPgliteIdle,
} from './lib/floors.mjs';
import {
  createFlow,
  createServerDatabase,
  dropServerDatabase,
  endToEndDefinition,
  ensureBuilt,
  clearBenchKeys,
  HMAC_SECRET,
  newTempDir,
  probeTrigger,
  ROOT,
  signup,
  startEmbeddedMode,
  startServerMode,
  useBackend,
} from './lib/hookflow.mjs';
import { headersFor, makeBody } from './lib/load.mjs';
import { idleCost, machineMonitor } from './lib/machine.mjs';
import { capacity, drainQueue, endToEnd, ingest } from './lib/measure.mjs';
import { ensureNodeRed, startNodeRed } from './lib/peer-node-red.mjs';
import { installCleanup, killAll, memoryOf, stopAll } from './lib/procs.mjs';
import { latestProfile, profileMarkdown, summarizeProfile } from './lib/profile.mjs';
import { aggregate, computeRatios, computeTargets, markdown, writeResults } from './lib/report.mjs';
import { startSink } from './lib/sink.mjs';

const PARTS = 'floors,server,embedded,idle,editor,peers';
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    peers: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    editor: { type: 'boolean' },
    only: { type: 'string' },
    reps: { type: 'string' },
    runs: { type: 'string' },
    concurrency: { type: 'string' },
    backend: { type: 'string' },
    env: { type: 'string', multiple: true },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    `npm run bench -- [--quick] [--peers] [--profile] [--editor] [--reps=N] [--runs=N] [--concurrency=N] [--backend=<main.js>] [--env=NAME=value …] [--only=${PARTS}]\nSee bench/README.md.\n`,
  );
  process.exit(0);
}

const quick = args.quick;
const cfg = {
  reps: Number(args.reps ?? (quick ? 1 : 3)),
  connections: 50,
  ingestSeconds: quick ? 2 : 10,
  warmupSeconds: quick ? 1 : 3,
  e2eSeconds: quick ? 2 : 10,
  rate: 200,
  capacityRates: quick ? [100, 200, 400] : [100, 200, 400, 800, 1600, 3200],
  capacitySeconds: quick ? 2 : 10,
  capacityP99Ms: 250,
  perStepRate: 100,
  idleSeconds: quick ? 10 : 60,
  settleMs: quick ? 10_000 : 60_000,
  workerRuns: Number(args.runs ?? (quick ? 500 : 20000)),
  workerReps: quick ? 1 : Number(args.reps ?? 2),
  concurrency: Number(args.concurrency ?? 50),
  budgetMs: quick ? 360_000 : 60 * 60_000,
};
const only = new Set((args.only ?? PARTS).split(','));
const wants = (part) =>
  only.has(part) &&
  (part !== 'peers' || args.peers) &&
  (part !== 'editor' || (args.editor ?? !quick));
// The one Redis database the bench uses: Hookflow's keys under its scratch prefix, the floors'
// queues under their own names; each cleared by name, the database never flushed.
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/3';
// Settings passed to every Hookflow process (e.g. --env=WORKER_ASYNC_COMMIT=true).
const hookflowEnv = Object.fromEntries(
  (args.env ?? []).map((pair) => [
    pair.slice(0, pair.indexOf('=')),
    pair.slice(pair.indexOf('=') + 1),
  ]),
);
if (args.backend) useBackend(resolve(args.backend));

const log = (line) => process.stderr.write(`${line}\n`);
const began = Date.now();
const stamp = () => `[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s]`;
const monitor = machineMonitor();
const phase = (name) => {
  monitor.mark(name);
  log(`${stamp()} ${name}`);
};

const results = { ingest: {}, e2e: {}, capacity: {}, perStep: {}, worker: {}, idle: {} };
const meta = {
  date: new Date().toISOString(),
  quick,
  reps: cfg.reps,
  connections: cfg.connections,
  ingestSeconds: cfg.ingestSeconds,
  e2eSeconds: cfg.e2eSeconds,
  rate: cfg.rate,
  capacitySeconds: cfg.capacitySeconds,
  perStepRate: cfg.perStepRate,
  idleSeconds: cfg.idleSeconds,
  workerRuns: cfg.workerRuns,
  workerReps: cfg.workerReps,
  concurrency: cfg.concurrency,
  backend: args.backend,
  hookflowEnv,
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model?.trim(),
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  commit: (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
        cwd: ROOT,
        encoding: 'utf8',
      }).trim();
    } catch {
      return undefined;
    }
  })(),
  notes: [],
  failures: [],
};
// Scratch databases to drop on every way out.
const scratchDatabases = new Set();

function fail(scenario, target, error) {
  const message = error instanceof Error ? error.message : String(error);
  log(`  FAILED ${target}: ${message}`);
  meta.failures.push({ scenario, target, error: message });
  if (scenario && results[scenario]) results[scenario][target] = { error: message };
}

function dropScratchDatabases() {
  for (const name of scratchDatabases) dropServerDatabase(name);
  scratchDatabases.clear();
}

function finish(exitCode) {
  results.ratios = computeRatios(results);
  results.targets = computeTargets(results);
  results.machine = monitor.finish();
  const file = writeResults(join(ROOT, 'bench/results'), meta, results);
  let text = markdown(results, meta);
  for (const [role, summary] of Object.entries(results.profile ?? {}))
    text += `\n${profileMarkdown(summary, role)}`;
  process.stdout.write(`${text}\nResults: ${file}\n`);
  if (meta.failures.length) {
    process.stdout.write(
      `\nFailures:\n${meta.failures.map((f) => `- ${f.target}: ${f.error.split('\n').slice(0, 6).join('\n  ')}`).join('\n')}\n`,
    );
  }
  process.exitCode = exitCode;
}

installCleanup(async () => {
  dropScratchDatabases();
  await clearBenchKeys(REDIS).catch(() => {});
});
const watchdog = setTimeout(() => {
  log(`\nbench budget of ${cfg.budgetMs / 1000} s exceeded: stopping everything`);
  meta.notes.push(`stopped by the ${cfg.budgetMs / 1000} s budget; later rows are missing`);
  killAll();
  dropScratchDatabases();
  finish(2);
  process.exit(2);
}, cfg.budgetMs);
watchdog.unref();

/** Share (0–100) of all cores busy over `ms`, from /proc/stat: other work on the machine skews every row. */
async function machineBusy(ms) {
  const read = () => {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const b = read();
    return Math.round(100 * (1 - (b.idle - a.idle) / (b.total - a.total || 1)));
  } catch {
    return null;
  }
}

/** Sends one signed delivery and waits for its run to reach the sink. */
async function probeEndToEnd(url, sink, name) {
  const body = makeBody(0);
  await sink.reset();
  await probeTrigger(url, body, headersFor(body, HMAC_SECRET));
  const stats = await sink.waitForCount(1, 20_000);
  if (!stats.complete)
    throw new Error(`${name}: trigger answered 2xx but no run reached the sink within 20 s`);
}

// What every ingest and end-to-end measurement shares; each call adds its target.
const ingestSettings = {
  reps: cfg.reps,
  duration: cfg.ingestSeconds,
  warmup: cfg.warmupSeconds,
  connections: cfg.connections,
  log,
};
const endToEndSettings = {
  settleMs: cfg.settleMs,
  reps: cfg.reps,
  rate: cfg.rate,
  duration: cfg.e2eSeconds,
  warmup: cfg.warmupSeconds,
  log,
};

/** Runs `measure` into results[scenario][target]; a failure is recorded there and the run goes on. */
async function measureInto(scenario, target, measure) {
  try {
    results[scenario][target] = await measure();
  } catch (error) {
    fail(scenario, target, error);
  }
}

async function floors(sink) {
  phase('floor: node:http → 202');
  const http = await startFloorHttp();
  try {
    await measureInto('ingest', 'floor-http', () =>
      ingest({ ...ingestSettings, url: http.url, rssPid: http.child.pid }),
    );
  } finally {
    await http.stop();
  }

  const floorDb = `hookflow_bench_floor_${process.pid}`;
  scratchDatabases.add(floorDb);
  const databaseUrl = createServerDatabase(floorDb);
  for (const withQueue of [true, false]) {
    const target = withQueue ? 'floor-durable' : 'floor-durable-noqueue';
    phase(`durable floor: node:http + HMAC + PG INSERT${withQueue ? ' + BullMQ add' : ''}`);
    const floor = await startFloorDurable({
      databaseUrl,
      redisUrl: REDIS,
      secret: HMAC_SECRET,
      withQueue,
    });
    try {
      await measureInto('ingest', target, () =>
        ingest({ ...ingestSettings, url: floor.url, secret: HMAC_SECRET, rssPid: floor.child.pid }),
      );
    } finally {
      await floor.stop();
    }
  }
  dropServerDatabase(floorDb);
  scratchDatabases.delete(floorDb);

  phase('floor: node:http + BullMQ queue.add()');
  const bull = await startFloorBullmq({
    redisUrl: REDIS,
    sinkUrl: sink.url,
    concurrency: cfg.concurrency,
  });
  try {
    await measureInto('ingest', 'floor-bullmq', () =>
      ingest({
        ...ingestSettings,
        url: bull.url,
        rssPid: bull.child.pid,
        afterRep: () => bull.clean(),
      }),
    );
    phase('floor: end to end (node:http + BullMQ → Worker → fetch sink)');
    await bull.startWorker();
    await measureInto('e2e', 'floor-bullmq', () =>
      endToEnd({ ...endToEndSettings, url: bull.url, sink }),
    );
    phase(`floor: raw BullMQ Worker draining ${cfg.workerRuns} jobs`);
    await measureInto('worker', 'raw-bullmq', () =>
      drainQueue({
        url: bull.url,
        runs: cfg.workerRuns,
        reps: cfg.workerReps,
        sink,
        timeoutMs: 300_000,
        log,
        stopConsumer: async () => {
          await bull.stopWorker();
          await bull.clean();
        },
        startConsumer: () => bull.startWorker(),
      }),
    );
  } finally {
    await bull.stop();
  }
}

/**
 * The rows both run modes share, on a started `mode`: ingest, end to end at 200 req/s, capacity
 * and the per-step overhead; in server mode also the worker drain (it stops the worker process).
 */
async function measureHookflow(mode, target, sink, session) {
  const name = mode.kind === 'server' ? 'Hookflow server' : 'Hookflow embedded';
  const flow = await createFlow(
    mode.base,
    session,
    'bench: webhook → transform → http',
    endToEndDefinition(sink.url),
  );
  const tenSteps = await createFlow(
    mode.base,
    session,
    'bench: webhook → 10 × transform → http',
    endToEndDefinition(sink.url, 10),
  );
  await probeEndToEnd(flow.webhookUrl, sink, name);
  await probeEndToEnd(tenSteps.webhookUrl, sink, `${name} (10 transforms)`);
  const signed = { url: flow.webhookUrl, secret: HMAC_SECRET, sink };

  phase(`${name}: ingest`);
  await measureInto('ingest', target, () =>
    ingest({
      ...ingestSettings,
      ...signed,
      rssPid: mode.api.pid,
      drain: { timeoutMs: quick ? 10_000 : 180_000 },
    }),
  );
  phase(`${name}: end to end at ${cfg.rate} req/s`);
  await measureInto('e2e', target, () => endToEnd({ ...endToEndSettings, ...signed }));
  phase(`${name}: capacity`);
  await measureInto('capacity', target, () =>
    capacity({
      ...signed,
      rates: cfg.capacityRates,
      duration: cfg.capacitySeconds,
      settleMs: cfg.settleMs,
      p99Ms: cfg.capacityP99Ms,
      log,
    }),
  );
  phase(`${name}: per-step overhead (1 vs 10 transforms at ${cfg.perStepRate} req/s)`);
  await measureInto('perStep', target, async () => {
    const at = (url) =>
      endToEnd({ ...endToEndSettings, ...signed, url, rate: cfg.perStepRate, warmup: 0 });
    const one = await at(flow.webhookUrl);
    const ten = await at(tenSteps.webhookUrl);
    const p50 = (r) => r.stats.sinkP50?.median;
    const perExtraStepMs =
      p50(one) !== undefined && p50(ten) !== undefined
        ? Number(((p50(ten) - p50(one)) / 9).toFixed(2))
        : null;
    return { one, ten, perExtraStepMs };
  });
  if (mode.kind !== 'server') return;
  phase(`${name}: worker draining ${cfg.workerRuns} queued runs of the 3-step flow`);
  await measureInto('worker', target, () =>
    drainQueue({
      ...signed,
      runs: cfg.workerRuns,
      reps: cfg.workerReps,
      timeoutMs: quick ? 60_000 : 900_000,
      log,
      stopConsumer: () => mode.stopWorker(),
      startConsumer: () => mode.startWorker(),
    }),
  );
}

async function hookflowServer(sink) {
  phase('Hookflow server mode: createdb, api + worker');
  const profDir = (role) => join(ROOT, `bench/.tmp/prof-${process.pid}-${role}`);
  const extra = {};
  if (args.profile) {
    for (const role of ['api', 'worker']) {
      mkdirSync(profDir(role), { recursive: true });
      extra[role] = ['--cpu-prof', `--cpu-prof-dir=${profDir(role)}`];
    }
  }
  scratchDatabases.add(`hookflow_bench_${process.pid}`);
  const mode = await startServerMode({
    redisUrl: REDIS,
    workerConcurrency: cfg.concurrency,
    nodeArgs: extra,
    env: hookflowEnv,
  });
  try {
    await measureHookflow(mode, 'hookflow-server', sink, await signup(mode.base));
  } finally {
    await mode.stop();
    scratchDatabases.delete(mode.dbName);
  }
  if (args.profile) {
    results.profile = {};
    for (const role of ['api', 'worker']) {
      const file = latestProfile(profDir(role));
      if (file) results.profile[role] = summarizeProfile(file);
    }
  }
}

async function hookflowEmbedded(sink) {
  phase('Hookflow embedded mode: one process, temp DATA_DIR');
  const mode = await startEmbeddedMode({ workerConcurrency: cfg.concurrency, env: hookflowEnv });
  try {
    const session = await signup(mode.base);
    if (wants('embedded')) await measureHookflow(mode, 'hookflow-embedded', sink, session);
    if (wants('editor')) {
      phase('Editor: 200-node flow in Chromium');
      try {
        const out = await measureEditor({ baseUrl: mode.base, session, reps: cfg.reps, log });
        results.editor = { ...out, stats: aggregate(out.reps) };
      } catch (error) {
        results.editor = { error: error.message };
        fail(undefined, 'editor', error);
      }
    }
  } finally {
    await mode.stop();
  }
}

/**
 * A fresh embedded process after boot and one run, next to PGlite on its own, both idle over
 * the same window: CPU (% of one core) and RSS at the end.
 */
async function idle(sink) {
  phase(`Idle: fresh embedded process and PGlite alone, ${cfg.idleSeconds} s`);
  const pgliteDir = newTempDir('hookflow-bench-pglite-');
  const [mode, pglite] = await Promise.all([
    startEmbeddedMode({ workerConcurrency: cfg.concurrency, env: hookflowEnv }),
    startPgliteIdle(pgliteDir),
  ]);
  try {
    const session = await signup(mode.base);
    const flow = await createFlow(
      mode.base,
      session,
      'bench: webhook → transform → http',
      endToEndDefinition(sink.url),
    );
    await probeEndToEnd(flow.webhookUrl, sink, 'Hookflow embedded (idle row)');
    // Let the run's own after-work (events, the response to the probe) settle first.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const [hookflow, floor] = await Promise.all([
      idleCost(mode.api.pid, cfg.idleSeconds * 1000),
      idleCost(pglite.pid, cfg.idleSeconds * 1000),
    ]);
    results.idle['hookflow-embedded'] = { ...hookflow, rssMb: memoryOf(mode.api.pid).rssMb };
    results.idle.pglite = { ...floor, rssMb: memoryOf(pglite.pid).rssMb };
    log(
      `  embedded: ${hookflow.cpuPct} % of a core, RSS ${results.idle['hookflow-embedded'].rssMb} MB; PGlite alone: ${floor.cpuPct} %, RSS ${results.idle.pglite.rssMb} MB`,
    );
  } finally {
    await Promise.all([mode.stop(), pglite.stop()]);
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}

async function nodeRed(sink) {
  phase('Node-RED peer');
  meta.nodeRed = ensureNodeRed(log);
  const red = await startNodeRed(sink.url);
  try {
    await probeEndToEnd(red.url, sink, 'Node-RED');
    await measureInto('ingest', 'node-red', () =>
      ingest({
        ...ingestSettings,
        url: red.url,
        rssPid: red.child.pid,
        sink,
        drain: { timeoutMs: 60_000, quietMs: 5000 },
      }),
    );
    await measureInto('e2e', 'node-red', () =>
      endToEnd({ ...endToEndSettings, url: red.url, sink }),
    );
  } finally {
    await red.stop();
  }
}

async function main() {
  log(
    `Hookflow bench${quick ? ' --quick' : ''}: ${cfg.reps} reps, ingest ${cfg.ingestSeconds} s × ${cfg.connections} conns, e2e ${cfg.rate} req/s × ${cfg.e2eSeconds} s, worker ${cfg.workerRuns} runs`,
  );
  meta.busyBeforeStart = await machineBusy(1000);
  meta.loadAverageAtStart = os.loadavg().map((n) => Number(n.toFixed(2)));
  if (meta.busyBeforeStart > 20)
    meta.notes.push(
      `the machine was already ${meta.busyBeforeStart}% busy (all cores) before the bench started: other processes compete with every row`,
    );
  const sink = await startSink();
  try {
    if (wants('floors')) await floors(sink).catch((error) => fail(undefined, 'floors', error));
    let built = true;
    if (args.backend) {
      meta.notes.push(`Hookflow rows ran the build at ${args.backend}`);
    } else if (wants('server') || wants('embedded') || wants('idle') || wants('editor')) {
      try {
        phase('checking the build');
        meta.notes.push(...ensureBuilt({ frontend: wants('editor'), log }));
      } catch (error) {
        built = false;
        fail(undefined, 'build', error);
      }
    }
    if (wants('server')) {
      if (built)
        await hookflowServer(sink).catch((error) => fail('ingest', 'hookflow-server', error));
    }
    if (wants('embedded') || wants('editor')) {
      if (built)
        await hookflowEmbedded(sink).catch((error) =>
          fail(wants('embedded') ? 'ingest' : undefined, 'hookflow-embedded', error),
        );
    }
    if (wants('idle') && built)
      await idle(sink).catch((error) => fail('idle', 'hookflow-embedded', error));
    if (wants('peers')) await nodeRed(sink).catch((error) => fail('ingest', 'node-red', error));
  } finally {
    await stopAll();
  }
  meta.loadAverageAtEnd = os.loadavg().map((n) => Number(n.toFixed(2)));
  meta.notes.push(
    'Load generator, servers, Postgres and Redis share the same machine; req/s are relative, not absolute capacity.',
    'Hookflow ingest runs with its worker(s) live, draining the runs the load started (drain s = time after the load until the sink had them all); the floors only enqueue.',
    'Node-RED runs the flow in-process (no durable queue, no signature check); its ingest includes the outbound call.',
  );
  phase('done');
  finish(meta.failures.length ? 1 : 0);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  killAll();
  dropScratchDatabases();
  meta.failures.push({ target: 'bench', error: error.message });
  finish(1);
});
