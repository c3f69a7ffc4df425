// Child processes of one bench run: spawned, tracked and always killed (exit, error, SIGINT).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const children = new Set();

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawns `node <args>` (or another command) and keeps its last output for error messages.
 * Returns the ChildProcess with `.tail()`, `.stop()` and `.exited` added.
 */
export function start(name, command, args, { env = {}, cwd, ipc = false } = {}) {
  const stdio = ['ignore', 'pipe', 'pipe'];
  if (ipc) stdio.push('ipc');
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio,
    detached: true, // own process group: stop() kills grandchildren too
  });
  let output = '';
  const keep = (chunk) => {
    // eslint-disable-next-line no-control-regex -- strip ANSI colours from the children's logs
    output = (output + chunk.toString().replace(/\x1b\[[0-9;]*m/g, '')).slice(-8000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.benchName = name;
  child.tail = () => output;
  child.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    await child.exited;
    clearTimeout(timer);
    children.delete(child);
  };
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

export function killAll() {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
}

export async function stopAll() {
  await Promise.all([...children].map((child) => child.stop(5000)));
}

/** Polls `url` until it answers 200 (or the child dies / the deadline passes). */
export async function waitReady(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`${child.benchName} exited with ${child.exitCode}:\n${child.tail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(
    `${child?.benchName ?? url} not ready within ${timeoutMs} ms:\n${child?.tail() ?? ''}`,
  );
}

/** Resident memory (VmRSS) and peak (VmHWM) of a process, in MB. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'))?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: null, peakMb: null };
  }
}

/** Kills every child on any way out: normal exit, uncaught error, Ctrl-C, SIGTERM. */
export function installCleanup(extra = async () => {}) {
  let cleaning = false;
  const onSignal = async (signal) => {
    if (cleaning) return;
    cleaning = true;
    process.stderr.write(`\n${signal}: stopping bench processes\n`);
    const hardStop = setTimeout(() => {
      killAll();
      process.exit(130);
    }, 15_000);
    try {
      await stopAll();
      await extra();
    } finally {
      clearTimeout(hardStop);
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killAll);
}
