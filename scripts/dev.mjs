#!/usr/bin/env node
// Developer mode (`npm run dev`, which builds shared first):
//   shared   tsc -w on shared/ (so backend and editor see schema changes)
//   backend  tsc -w on backend/
//   server   node backend/dist/main.js, restarted after every error-free backend or shared compile
//   frontend vite dev server (proxies /api, /hooks, /healthz, /readyz to the server)
// Every line is prefixed with its child's name. Ctrl-C / SIGTERM stops them all.
//
// Usage: node scripts/dev.mjs [backend] [frontend]   (default: both; `backend` alone skips vite)
// ROLE defaults to `all` (API + worker + UI in one process); other settings come from the env.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tscBin = require.resolve('typescript/bin/tsc');
const serverEntry = join(root, 'backend/dist/main.js');
const isWindows = process.platform === 'win32';

const wanted = new Set(process.argv.slice(2));
const runBackend = wanted.size === 0 || wanted.has('backend');
const runFrontend = wanted.size === 0 || wanted.has('frontend');

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const colors = { shared: 35, backend: 36, server: 32, frontend: 33, dev: 90 };
const width = Math.max(...Object.keys(colors).map((name) => name.length));
const label = (name) => {
  const text = name.padEnd(width);
  return useColor ? `\x1b[${colors[name] ?? 37}m${text}\x1b[0m │ ` : `${text} | `;
};
const log = (name, line) => process.stdout.write(label(name) + line + '\n');
/* eslint-disable no-control-regex -- these match terminal escape sequences on purpose */
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1bc/g, '');
// tsc -w clears the screen between compiles; keep the scrollback readable instead.
const stripClear = (text) => text.replace(/\x1bc|\x1b\[[23]J|\x1b\[H/g, '');
/* eslint-enable no-control-regex */

const childEnv = {
  ...process.env,
  ROLE: process.env.ROLE || 'all',
  NODE_ENV: process.env.NODE_ENV || 'development',
  ...(useColor && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
};

/** Live children by name. Each runs in its own process group so its whole tree can be stopped. */
const children = new Map();
/** Children this script is stopping on purpose (their exit is not news). */
const stoppedOnPurpose = new WeakSet();
let stopping = false;

function start(name, command, args, { cwd = root, onLine, onExit } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: !isWindows,
  });
  children.set(name, child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      const clean = stripClear(line);
      if (clean.trim() === '') return; // tsc and npm pad their output with blank lines
      log(name, clean);
      onLine?.(stripAnsi(clean));
    });
  }
  child.on('error', (error) => log('dev', `${name} failed to start: ${error.message}`));
  child.on('exit', (code, signal) => {
    if (children.get(name) === child) children.delete(name);
    onExit?.(code, signal);
  });
  return child;
}

function signalTree(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (isWindows) child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops one child (SIGTERM, then SIGKILL after `graceMs`) and resolves once it has exited. */
function stop(child, graceMs = 8000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  stoppedOnPurpose.add(child);
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalTree(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signalTree(child, 'SIGTERM');
  });
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('dev', 'stopping…');
  await Promise.all([...children.values()].map((child) => stop(child)));
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));
process.on('SIGHUP', () => void shutdown(129));
// If this script dies some other way, do not leave the process groups behind.
process.on('exit', () => {
  for (const child of children.values()) signalTree(child, 'SIGTERM');
});

/** A watcher (tsc, vite) that dies takes dev mode down with it: nothing would rebuild any more. */
const essential = (name) => (code, signal) => {
  if (stopping) return;
  log('dev', `${name} exited (${signal ?? `code ${code}`}); stopping everything`);
  void shutdown(code || 1);
};

// ---- the server: (re)started after each clean compile, one restart at a time ----
let restarting = false;
let restartAgain = false;

async function restartServer(reason) {
  if (stopping) return;
  if (restarting) {
    restartAgain = true;
    return;
  }
  restarting = true;
  try {
    do {
      restartAgain = false;
      const previous = children.get('server');
      log('dev', `${previous ? 'restarting' : 'starting'} server (${reason})`);
      await stop(previous);
      if (stopping) return;
      if (!existsSync(serverEntry)) {
        log('dev', `${serverEntry} does not exist yet; waiting for a compile`);
        return;
      }
      const child = start('server', process.execPath, ['--enable-source-maps', serverEntry], {
        onExit: (code, signal) => {
          if (stopping || stoppedOnPurpose.has(child)) return;
          log('dev', `server exited (${signal ?? `code ${code}`}); waiting for changes`);
        },
      });
    } while (restartAgain && !stopping);
  } finally {
    restarting = false;
  }
}

/** Watches one TypeScript project; calls `onClean` after every compile that reports 0 errors. */
function tscWatch(name, project, onClean) {
  start(
    name,
    process.execPath,
    [tscBin, '-w', '-p', project, '--preserveWatchOutput', ...(useColor ? ['--pretty'] : [])],
    {
      onLine: (line) => {
        const match = /Found (\d+) errors?\b/.exec(line);
        if (!match) return;
        if (match[1] === '0') onClean();
        else log('dev', `${name}: ${match[1]} type error(s); server not restarted`);
      },
      onExit: essential(name),
    },
  );
}

log('dev', `ROLE=${childEnv.ROLE}${childEnv.DATABASE_URL ? ' (server mode)' : ' (embedded mode)'}`);

if (runBackend) {
  // The first clean compile of each project is the initial build: start the server once the
  // backend's is done; after that, any clean compile of either project restarts it.
  let sharedBuilt = false;
  let backendBuilt = false;
  tscWatch('shared', 'shared/tsconfig.build.json', () => {
    if (sharedBuilt && backendBuilt) void restartServer('shared changed');
    sharedBuilt = true;
  });
  tscWatch('backend', 'backend/tsconfig.build.json', () => {
    void restartServer(backendBuilt ? 'backend changed' : 'initial build');
    backendBuilt = true;
  });
} else if (runFrontend) {
  // The editor still needs the schema package compiled while you work on it.
  tscWatch('shared', 'shared/tsconfig.build.json', () => {});
}

if (runFrontend) {
  start('frontend', 'npm', ['run', 'dev', '-w', 'frontend'], {
    onExit: essential('frontend'),
  });
}
