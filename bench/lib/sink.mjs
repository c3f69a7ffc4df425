// Starts the sink process and talks to it over IPC.
import { fileURLToPath } from 'node:url';
import { start, sleep } from './procs.mjs';

const SCRIPT = fileURLToPath(new URL('../servers/sink.mjs', import.meta.url));

export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

export async function startSink() {
  const child = start('sink', process.execPath, [SCRIPT], { ipc: true });
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/PORT (\d+)/);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`sink exited: ${child.tail()}`)));
  });
  let nextId = 1;
  const call = (message) =>
    new Promise((resolve) => {
      const id = nextId++;
      const onMessage = (reply) => {
        if (reply.id !== id) return;
        child.off('message', onMessage);
        resolve(reply);
      };
      child.on('message', onMessage);
      child.send({ ...message, id });
    });
  return {
    port,
    url: `http://127.0.0.1:${port}/x`,
    child,
    /** Zeroes the counters; with `since`, only deliveries stamped at or after it count. */
    reset: (since = 0) => call({ cmd: 'reset', since }),
    stats: (latencies = false) => call({ cmd: 'stats', latencies }),
    /** Waits until `count` deliveries arrived; resolves with the stats (or the partial ones on timeout). */
    async waitForCount(count, timeoutMs, { quietMs = Infinity } = {}) {
      const deadline = Date.now() + timeoutMs;
      let stats = await call({ cmd: 'stats' });
      let lastChange = Date.now();
      let lastCount = stats.count;
      while (stats.count < count && Date.now() < deadline) {
        await sleep(50);
        stats = await call({ cmd: 'stats' });
        if (stats.count !== lastCount) {
          lastCount = stats.count;
          lastChange = Date.now();
        } else if (Date.now() - lastChange > quietMs) break;
      }
      return { ...stats, complete: stats.count >= count };
    },
    stop: () => child.stop(),
  };
}
