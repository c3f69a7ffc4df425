// Floor 2: bare node:http + BullMQ queue.add() on Redis, the accept-and-enqueue floor.
// Same BullMQ backend factory and job options as Hookflow's executions queue.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRedisBackend, withBackend } from 'bullmq';
import { Redis } from 'ioredis';

const { Queue } = withBackend(createRedisBackend);
const connection = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue(process.env.QUEUE_NAME, {
  connection,
  defaultJobOptions: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
});

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    const id = randomUUID();
    queue.add('delivery', { body }, { jobId: id }).then(
      () => {
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ executionId: id }));
      },
      () => {
        res.writeHead(503);
        res.end();
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
await queue.waitUntilReady();
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', async () => {
  server.close();
  await queue.close();
  await connection.quit();
  process.exit(0);
});
