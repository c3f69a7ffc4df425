// The local HTTP sink every flow's last step calls. Counts deliveries and, when the body carries
// `sentAt` (ms of CLOCK_MONOTONIC, shared by all processes on the machine), the end-to-end latency.
// Driven over IPC: {cmd:'reset'} | {cmd:'stats'}; prints its port on stdout as `PORT <n>`.
import { createServer } from 'node:http';

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
let count = 0;
let first = null;
let last = null;
let latencies = [];
let since = 0; // deliveries stamped before this (older runs still draining) are not counted
let stale = 0;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const at = nowMs();
    const text = Buffer.concat(chunks).toString();
    let sentAt;
    if (text.includes('sentAt')) {
      try {
        sentAt = Number(findSentAt(JSON.parse(text)));
      } catch {
        // not JSON: counted, no latency
      }
    }
    const stamped = Number.isFinite(sentAt) && sentAt > 0;
    if (since && (!stamped || sentAt < since)) {
      stale += 1;
    } else {
      count += 1;
      first ??= at;
      last = at;
      if (stamped) latencies.push(at - sentAt);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
server.keepAliveTimeout = 65_000;

function findSentAt(value) {
  if (!value || typeof value !== 'object') return undefined;
  if ('sentAt' in value) return value.sentAt;
  for (const inner of Object.values(value)) {
    const found = findSentAt(inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

process.on('message', (message) => {
  if (message.cmd === 'reset') {
    count = 0;
    stale = 0;
    since = message.since ?? 0;
    first = last = null;
    latencies = [];
    process.send({ id: message.id, ok: true });
  } else if (message.cmd === 'stats') {
    process.send({
      id: message.id,
      count,
      stale,
      first,
      last,
      latencies: message.latencies ? latencies : undefined,
    });
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});
