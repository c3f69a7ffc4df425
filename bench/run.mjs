#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --peers] [-- --profile] [-- --only=floors,server,embedded,editor,peers]`
// Starts everything on 127.0.0.1, measures, stops everything, writes bench/results/<date>.json and
// prints a Markdown table. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureEditor } from './lib/editor.mjs';
import { startFloorBullmq, startFloorHttp } from './lib/floors.mjs';
import {
  createFlow,
  dropServerDatabase,
  endToEndDefinition,
  ensureBuilt,
  flushRedis,
  HMAC_SECRET,
  oneStepDefinition,
  probeTrigger,
  ROOT,
  signup,
  startEmbeddedMode,
  startServerMode,
} from './lib/hookflow.mjs';
import { headersFor, makeBody } from './lib/load.mjs';
import { drainQueue, endToEnd, ingest } from './lib/measure.mjs';
import { ensureNodeRed, startNodeRed } from './lib/peer-node-red.mjs';
import { installCleanup, killAll, stopAll } from './lib/procs.mjs';
import { latestProfile, profileMarkdown, summarizeProfile } from './lib/profile.mjs';
import { aggregate, computeRatios, markdown, writeResults } from './lib/report.mjs';
import { startSink } from './lib/sink.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    peers: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    editor: { type: 'boolean' },
    only: { type: 'string' },
    reps: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'npm run bench -- [--quick] [--peers] [--profile] [--editor] [--reps=N] [--only=floors,server,embedded,editor,peers]\nSee bench/README.md.\n',
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
  settleMs: quick ? 10_000 : 60_000,
  workerRuns: quick ? 500 : 20000,
  workerReps: quick ? 1 : Number(args.reps ?? 2),
  concurrency: 50,
  budgetMs: quick ? 170_000 : 40 * 60_000,
};
const only = new Set((args.only ?? 'floors,server,embedded,editor,peers').split(','));
const wants = (part) =>
  only.has(part) &&
  (part !== 'peers' || args.peers) &&
  (part !== 'editor' || (args.editor ?? !quick));
const REDIS_HOOKFLOW = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/3';
const REDIS_FLOOR = process.env.BENCH_FLOOR_REDIS_URL ?? 'redis://127.0.0.1:6379/4';

const log = (line) => process.stderr.write(`${line}\n`);
const began = Date.now();
const stamp = () => `[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s]`;
const phase = (name) => log(`${stamp()} ${name}`);

const results = { ingest: {}, e2e: {}, worker: {} };
const meta = {
  date: new Date().toISOString(),
  quick,
  reps: cfg.reps,
  connections: cfg.connections,
  ingestSeconds: cfg.ingestSeconds,
  e2eSeconds: cfg.e2eSeconds,
  rate: cfg.rate,
  workerRuns: cfg.workerRuns,
  workerReps: cfg.workerReps,
  concurrency: cfg.concurrency,
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
let serverDb;

function fail(scenario, target, error) {
  const message = error instanceof Error ? error.message : String(error);
  log(`  FAILED ${target}: ${message}`);
  meta.failures.push({ scenario, target, error: message });
  if (scenario && results[scenario]) results[scenario][target] = { error: message };
}

function finish(exitCode) {
  results.ratios = computeRatios(results);
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
  if (serverDb) dropServerDatabase(serverDb);
  await flushRedis(REDIS_HOOKFLOW).catch(() => {});
});
const watchdog = setTimeout(() => {
  log(`\nbench budget of ${cfg.budgetMs / 1000} s exceeded: stopping everything`);
  meta.notes.push(`stopped by the ${cfg.budgetMs / 1000} s budget; later rows are missing`);
  killAll();
  if (serverDb) dropServerDatabase(serverDb);
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

async function floors(sink) {
  phase('floor: node:http → 202');
  const http = await startFloorHttp();
  try {
    results.ingest['floor-http'] = await ingest({
      ...ingestSettings,
      url: http.url,
      rssPid: http.child.pid,
    });
  } finally {
    await http.stop();
  }
  phase('floor: node:http + BullMQ queue.add()');
  const bull = await startFloorBullmq({
    redisUrl: REDIS_FLOOR,
    sinkUrl: sink.url,
    concurrency: cfg.concurrency,
  });
  try {
    results.ingest['floor-bullmq'] = await ingest({
      ...ingestSettings,
      url: bull.url,
      rssPid: bull.child.pid,
      afterRep: () => bull.clean(),
    });
    phase('floor: end to end (node:http + BullMQ → Worker → fetch sink)');
    await bull.startWorker();
    results.e2e['floor-bullmq'] = await endToEnd({
      ...endToEndSettings,
      url: bull.url,
      sink,
    });
    phase(`floor: raw BullMQ Worker draining ${cfg.workerRuns} jobs`);
    results.worker['raw-bullmq'] = await drainQueue({
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
    });
  } finally {
    await bull.stop();
  }
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
  serverDb = `hookflow_bench_${process.pid}`;
  const mode = await startServerMode({
    redisUrl: REDIS_HOOKFLOW,
    workerConcurrency: cfg.concurrency,
    nodeArgs: extra,
  });
  try {
    const session = await signup(mode.base);
    const e2eFlow = await createFlow(
      mode.base,
      session,
      'bench: webhook → transform → http',
      endToEndDefinition(sink.url),
    );
    const oneStep = await createFlow(
      mode.base,
      session,
      'bench: webhook → http',
      oneStepDefinition(sink.url),
    );
    await probeEndToEnd(e2eFlow.webhookUrl, sink, 'Hookflow server');
    phase('Hookflow server: ingest');
    results.ingest['hookflow-server'] = await ingest({
      ...ingestSettings,
      url: e2eFlow.webhookUrl,
      secret: HMAC_SECRET,
      rssPid: mode.api.pid,
      sink,
      drain: { timeoutMs: quick ? 10_000 : 180_000 },
    });
    phase('Hookflow server: end to end');
    results.e2e['hookflow-server'] = await endToEnd({
      ...endToEndSettings,
      url: e2eFlow.webhookUrl,
      secret: HMAC_SECRET,
      sink,
    });
    phase(`Hookflow server: worker draining ${cfg.workerRuns} queued runs`);
    results.worker['hookflow-server'] = await drainQueue({
      url: oneStep.webhookUrl,
      secret: HMAC_SECRET,
      runs: cfg.workerRuns,
      reps: cfg.workerReps,
      sink,
      timeoutMs: quick ? 60_000 : 600_000,
      log,
      stopConsumer: () => mode.stopWorker(),
      startConsumer: () => mode.startWorker(),
    });
  } finally {
    await mode.stop();
    serverDb = undefined;
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
  const mode = await startEmbeddedMode({ workerConcurrency: cfg.concurrency });
  try {
    const session = await signup(mode.base);
    if (wants('embedded')) {
      const e2eFlow = await createFlow(
        mode.base,
        session,
        'bench: webhook → transform → http',
        endToEndDefinition(sink.url),
      );
      await probeEndToEnd(e2eFlow.webhookUrl, sink, 'Hookflow embedded');
      phase('Hookflow embedded: ingest');
      results.ingest['hookflow-embedded'] = await ingest({
        ...ingestSettings,
        url: e2eFlow.webhookUrl,
        secret: HMAC_SECRET,
        rssPid: mode.api.pid,
        sink,
        drain: { timeoutMs: quick ? 10_000 : 180_000 },
      });
      phase('Hookflow embedded: end to end');
      results.e2e['hookflow-embedded'] = await endToEnd({
        ...endToEndSettings,
        url: e2eFlow.webhookUrl,
        secret: HMAC_SECRET,
        sink,
      });
    }
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

async function nodeRed(sink) {
  phase('Node-RED peer');
  meta.nodeRed = ensureNodeRed(log);
  const red = await startNodeRed(sink.url);
  try {
    await probeEndToEnd(red.url, sink, 'Node-RED');
    results.ingest['node-red'] = await ingest({
      ...ingestSettings,
      url: red.url,
      rssPid: red.child.pid,
      sink,
      drain: { timeoutMs: 60_000, quietMs: 5000 },
    });
    results.e2e['node-red'] = await endToEnd({
      ...endToEndSettings,
      url: red.url,
      sink,
    });
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
    if (wants('server') || wants('embedded') || wants('editor')) {
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
  if (serverDb) dropServerDatabase(serverDb);
  meta.failures.push({ target: 'bench', error: error.message });
  finish(1);
});
