// The durable ingest floor (issue 13): node:http + HMAC verify + one PostgreSQL INSERT with
// synchronous commit + BullMQ add, answering 202 after both. Started by bench/ingress.mjs.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createRedisBackend, withBackend } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

const { Queue } = withBackend(createRedisBackend);
const connection = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue(process.env.QUEUE_NAME, {
  connection,
  defaultJobOptions: { attempts: 5, removeOnComplete: { age: 3600, count: 5000 } },
});
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(
  `CREATE TABLE IF NOT EXISTS floor_deliveries (id uuid PRIMARY KEY, headers jsonb NOT NULL,
     raw_body bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
);
const secret = process.env.HMAC_SECRET;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac('sha256', secret).update(body).digest();
    const given = Buffer.from(String(req.headers['x-signature'] ?? ''), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    const id = randomUUID();
    try {
      await pool.query({
        name: 'floor-insert',
        text: 'INSERT INTO floor_deliveries (id, headers, raw_body) VALUES ($1, $2, $3)',
        values: [id, JSON.stringify(req.headers), body],
      });
      await queue.add('delivery', { id }, { jobId: id });
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ executionId: id }));
    } catch {
      res.writeHead(503).end();
    }
  });
});
server.keepAliveTimeout = 65_000;
await queue.waitUntilReady();
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', async () => {
  server.close();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await pool.end();
  connection.disconnect();
  process.exit(0);
});
