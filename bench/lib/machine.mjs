// How busy the machine is: whole-machine CPU from /proc/stat, and per process from
// /proc/<pid>/stat, so each phase can say how much of the CPU the bench's own processes used and
// how much went to everything else (other users' work, plus PostgreSQL and Redis, which serve
// the bench and anyone else at once).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

export const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const SHARED_SERVICES = /^(postgres|redis-server)$/;

function machineTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
  const numbers = fields.map(Number);
  const idle = numbers[3] + (numbers[4] ?? 0);
  return { idle, total: numbers.reduce((a, b) => a + b, 0) };
}

/** utime + stime, parent pid and name of one process (undefined once it is gone). */
export function processTicks(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const rest = text
      .slice(close + 2)
      .split(' ')
      .map((field) => Number(field));
    // Fields after the name start at state (3): ppid is 4, utime 14, stime 15, and the
    // children's that were waited for, cutime 16 and cstime 17.
    return { name, ppid: rest[1], ticks: rest[11] + rest[12], childTicks: rest[13] + rest[14] };
  } catch {
    return undefined;
  }
}

function snapshot() {
  const processes = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = processTicks(entry);
    if (info) processes.set(Number(entry), info);
  }
  return { at: Date.now(), machine: machineTicks(), processes };
}

/** This process and every descendant (spawned detached, but still our children). */
function benchTree(processes) {
  const tree = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, info] of processes)
      if (!tree.has(pid) && tree.has(info.ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  return tree;
}

/** CPU use between two snapshots, as % of one core, split into bench / shared services / others. */
function compare(a, b) {
  const seconds = (b.at - a.at) / 1000 || 1;
  const cores = os.cpus().length;
  const machineBusy =
    100 *
    cores *
    (1 - (b.machine.idle - a.machine.idle) / (b.machine.total - a.machine.total || 1));
  const tree = benchTree(b.processes);
  const before = benchTree(a.processes);
  // A process started within the window counts from zero (pids are not reused that fast).
  const used = (pid, info) => (info.ticks - (a.processes.get(pid)?.ticks ?? 0)) / TICKS_PER_SECOND;
  // Children that exited within the window: their time moved into our cutime/cstime.
  let exited =
    (b.processes.get(process.pid).childTicks - a.processes.get(process.pid).childTicks) /
    TICKS_PER_SECOND;
  for (const [pid, info] of a.processes)
    if (before.has(pid) && info.ppid === process.pid && !b.processes.has(pid))
      exited -= info.ticks / TICKS_PER_SECOND;
  let bench = (100 * Math.max(0, exited)) / seconds;
  let services = 0;
  const others = [];
  for (const [pid, info] of b.processes) {
    const pct = (100 * used(pid, info)) / seconds;
    if (tree.has(pid)) bench += pct;
    else if (SHARED_SERVICES.test(info.name)) services += pct;
    else if (pct > 0) others.push({ pid, name: info.name, pct });
  }
  others.sort((x, y) => y.pct - x.pct);
  const listed = others.reduce((total, other) => total + other.pct, 0);
  return {
    seconds: Math.round(seconds),
    cores,
    machineBusyPct: Math.round(machineBusy),
    benchPct: Math.round(bench),
    sharedServicesPct: Math.round(services),
    // Includes processes that started and ended within the window (not seen by either snapshot).
    othersPct: Math.max(0, Math.round(machineBusy - bench - services)),
    topOthers: others.slice(0, 3).map((o) => ({ ...o, pct: Math.round(o.pct) })),
    listedOthersPct: Math.round(listed),
  };
}

/** Records one window per phase; `mark(name)` closes the current window and opens the next. */
export function machineMonitor() {
  const phases = [];
  const first = snapshot();
  let open = { name: 'start', snap: first };
  return {
    mark(name) {
      const now = snapshot();
      if (open.name !== 'start' && now.at - open.snap.at > 1000)
        phases.push({ phase: open.name, ...compare(open.snap, now) });
      open = { name, snap: now };
    },
    finish() {
      this.mark('end');
      return { phases, whole: compare(first, snapshot()), loadAverage: os.loadavg() };
    },
  };
}

/** CPU (% of one core) and RSS of one process over `ms`. */
export async function idleCost(pid, ms) {
  const before = processTicks(pid);
  const began = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = processTicks(pid);
  if (!before || !after) return { cpuPct: null };
  const seconds = (Date.now() - began) / 1000;
  return {
    cpuPct: Number(((100 * (after.ticks - before.ticks)) / TICKS_PER_SECOND / seconds).toFixed(2)),
    seconds: Math.round(seconds),
  };
}
