// Raw BullMQ draining the same HTTP step as the Hookflow flow: a Worker (concurrency
// WORKER_CONCURRENCY) doing one fetch POST per job to the sink, mapping `sentAt` like the transform.
import { createRedisBackend, withBackend } from 'bullmq';
import { Redis } from 'ioredis';

const { Worker } = withBackend(createRedisBackend);
const connection = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const sink = process.env.SINK_URL;

const worker = new Worker(
  process.env.QUEUE_NAME,
  async (job) => {
    let sentAt;
    try {
      sentAt = JSON.parse(job.data.body).sentAt;
    } catch {
      sentAt = undefined;
    }
    const res = await fetch(sink, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sentAt }),
    });
    await res.arrayBuffer();
    return { status: res.status };
  },
  { connection, concurrency: Number(process.env.WORKER_CONCURRENCY ?? 50) },
);
worker.on('error', (error) => process.stderr.write(`worker error: ${error.message}\n`));
process.on('SIGTERM', async () => {
  await worker.close();
  await connection.quit();
  process.exit(0);
});
