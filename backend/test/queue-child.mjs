// A worker process for the queue contract suite's crash test. It runs from the compiled build
// (npm test builds first) so it exercises the same QueueConnection the app uses.
// argv: <target-json> <queue> <marker-dir> <mode>
//   mode 'hang': enqueue one job, start it and never finish (the test kills this process)
//   mode 'work': run whatever job arrives and record which process ran it
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../dist/database/embedded-postgres.js';
import { QueueConnection } from '../dist/queue/queue-connection.js';

const [targetJson, queueName, markerDir, mode] = process.argv.slice(2);
const target = JSON.parse(targetJson);
// Embedded mode: this process owns the PGlite files, as the single Hookflow process would.
const embedded = target.dataDir ? await EmbeddedPostgres.start(target.dataDir) : undefined;
const connection = new QueueConnection(
  embedded ? { kind: 'postgres', url: embedded.url } : { kind: target.kind, url: target.url },
);
if (mode === 'hang') {
  const queue = connection.createQueue(queueName);
  await queue.add('crash-me', { n: 1 }, { jobId: 'crash-job', attempts: 1 });
}
connection.createWorker(
  queueName,
  async (job) => {
    if (mode === 'hang') {
      writeFileSync(join(markerDir, 'started'), String(process.pid));
      await new Promise(() => undefined); // hang until killed: the job is mid-run
    }
    // Written aside and renamed, so the test never reads a half-written file.
    const result = JSON.stringify({ pid: process.pid, id: job.id, data: job.data });
    writeFileSync(join(markerDir, 'done.tmp'), result);
    renameSync(join(markerDir, 'done.tmp'), join(markerDir, 'done'));
    return 'ok';
  },
  { concurrency: 1, lockDuration: 1500, stalledInterval: 500, maxStalledCount: 5 },
);
writeFileSync(join(markerDir, `ready-${process.pid}`), '');
