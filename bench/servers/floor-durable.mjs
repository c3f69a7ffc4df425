// The durable floor: node:http, HMAC-SHA256 check of x-signature (constant time, raw bytes), one
// INSERT of the delivery with synchronous commit, then (WITH_QUEUE=1) BullMQ add; 202 after both.
// The least any ingress that commits before it answers must do.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createRedisBackend, withBackend } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

const withQueue = process.env.WITH_QUEUE === '1';
const secret = process.env.HMAC_SECRET;
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
});
await pool.query(`CREATE TABLE IF NOT EXISTS floor_deliveries (
  id uuid PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);

let queue;
let connection;
if (withQueue) {
  const { Queue } = withBackend(createRedisBackend);
  connection = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(process.env.QUEUE_NAME, {
    connection,
    defaultJobOptions: { attempts: 5, removeOnComplete: { age: 3600, count: 5000 } },
  });
  await queue.waitUntilReady();
}

function verified(raw, header) {
  if (typeof header !== 'string') return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(header, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const answer = (res, status, body = '') => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
};

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks);
    if (!verified(raw, req.headers['x-signature'])) return answer(res, 401);
    const id = randomUUID();
    try {
      await pool.query({
        name: 'floor-insert',
        text: 'INSERT INTO floor_deliveries (id, body) VALUES ($1, $2)',
        values: [id, raw.toString()],
      });
      if (queue) await queue.add('delivery', { id }, { jobId: id });
      answer(res, 202, JSON.stringify({ executionId: id }));
    } catch {
      answer(res, 503);
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', async () => {
  server.close();
  await queue?.close();
  await connection?.quit();
  await pool.end();
  process.exit(0);
});
