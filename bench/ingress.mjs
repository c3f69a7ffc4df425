#!/usr/bin/env node
// Focused ingest comparison for issue 13, in one sitting: the durable floor (node:http + HMAC +
// one PostgreSQL INSERT with synchronous commit + BullMQ add), Hookflow server (api + worker live)
// and Hookflow embedded, same signed 1 KB body, 50 connections. Prints ratios against the floor.
//   node bench/ingress.mjs [--seconds=5] [--reps=2] [--only=floor,server,embedded] [--profile]
//     [--backend=<main.js>]   (another build, as for bench/run.mjs)
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createFlow,
  ensureBuilt,
  HMAC_SECRET,
  endToEndDefinition,
  ROOT,
  signup,
  startEmbeddedMode,
  startServerMode,
  useBackend,
} from './lib/hookflow.mjs';
import { ingest } from './lib/measure.mjs';
import { startFloorDurable } from './lib/floors.mjs';
import { installCleanup, stopAll } from './lib/procs.mjs';
import { latestProfile, profileMarkdown, summarizeProfile } from './lib/profile.mjs';
import { startSink } from './lib/sink.mjs';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    reps: { type: 'string', default: '2' },
    only: { type: 'string', default: 'floor,server,embedded' },
    profile: { type: 'boolean', default: false },
    backend: { type: 'string' },
  },
});
const only = new Set(args.only.split(','));
if (args.backend) useBackend(resolve(args.backend));
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/3';
const log = (line) => process.stderr.write(`${line}\n`);
const settings = {
  reps: Number(args.reps),
  duration: Number(args.seconds),
  warmup: 2,
  connections: 50,
  log,
};
const rows = {};
const profiles = {};
const floorDb = `hookflow_ingress_floor_${process.pid}`;
installCleanup(async () => {
  execFileSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', floorDb]);
});

async function durableFloor() {
  execFileSync('createdb', ['-h', '127.0.0.1', '-U', 'postgres', floorDb]);
  const floor = await startFloorDurable({
    databaseUrl: `postgres://postgres@127.0.0.1:5432/${floorDb}`,
    redisUrl: REDIS,
    secret: HMAC_SECRET,
    withQueue: true,
  });
  try {
    log('durable floor: ingest');
    rows.floor = await ingest({
      ...settings,
      url: floor.url,
      secret: HMAC_SECRET,
      rssPid: floor.child.pid,
    });
  } finally {
    await floor.stop();
    execFileSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', floorDb]);
  }
}

const profileArgs = (role) => {
  if (!args.profile) return [];
  const dir = join(ROOT, `bench/.tmp/ingress-prof-${process.pid}-${role}`);
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
};
const profileOf = (role) =>
  args.profile &&
  (profiles[role] = summarizeProfile(
    latestProfile(join(ROOT, `bench/.tmp/ingress-prof-${process.pid}-${role}`)),
  ));

async function hookflow(kind, sink) {
  log(`Hookflow ${kind}: starting`);
  const mode =
    kind === 'server'
      ? await startServerMode({ redisUrl: REDIS, nodeArgs: { api: profileArgs('server-api') } })
      : await startEmbeddedMode({ nodeArgs: { api: profileArgs('embedded') } });
  try {
    const session = await signup(mode.base);
    const flow = await createFlow(mode.base, session, 'ingress', endToEndDefinition(sink.url));
    log(`Hookflow ${kind}: ingest`);
    rows[kind] = await ingest({
      ...settings,
      url: flow.webhookUrl,
      secret: HMAC_SECRET,
      rssPid: mode.api.pid,
    });
  } finally {
    await mode.stop();
  }
  profileOf(kind === 'server' ? 'server-api' : 'embedded');
}

const sink = await startSink();
try {
  if (only.has('floor')) await durableFloor();
  if (only.has('server') || only.has('embedded')) ensureBuilt({ log });
  if (only.has('server')) await hookflow('server', sink);
  if (only.has('embedded')) await hookflow('embedded', sink);
} finally {
  await sink.stop?.();
  await stopAll();
}

const cell = (row, field) => row?.stats?.[field]?.median ?? row?.reps?.[0]?.[field] ?? '–';
const rps = (name) => Number(cell(rows[name], 'rps'));
// Only within one run: a ratio against a row measured another time would mean nothing.
const ratioOf = (name, base, text) =>
  rows[name] && rows[base] ? `${(rps(name) / rps(base)).toFixed(2)}${text}` : `– (no ${base} row)`;
let table =
  '| target | req/s | p50 ms | p99 ms | errors | RSS MB | CPU µs/req | ratio |\n|---|---|---|---|---|---|---|---|\n';
for (const [name, label, ratio] of [
  ['floor', 'durable floor (http + HMAC + INSERT + BullMQ add)', ''],
  [
    'server',
    'Hookflow server (api + worker)',
    ratioOf('server', 'floor', '× floor (target ≥ 0.5)'),
  ],
  ['embedded', 'Hookflow embedded', ratioOf('embedded', 'server', '× server (target ≥ 0.5)')],
]) {
  if (!rows[name]) continue;
  table += `| ${label} | ${cell(rows[name], 'rps')} | ${cell(rows[name], 'p50')} | ${cell(rows[name], 'p99')} | ${cell(rows[name], 'errors')} | ${cell(rows[name], 'rssMb')} | ${cell(rows[name], 'cpuUsPerRequest')} | ${ratio} |\n`;
}
process.stdout.write(table);
for (const [role, summary] of Object.entries(profiles))
  if (summary) process.stdout.write(`\n${profileMarkdown(summary, role)}`);
process.exit(0);
