import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEnvironments, type StartedEnvironment } from '../test-support/environments.js';
import { waitFor } from '../test-support/wait-for.js';
import { EMBEDDED_POLL_SECONDS, QueueConnection } from './queue-connection.js';

const childScript = join(import.meta.dirname, '../../test/queue-child.mjs');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testEnvironments())('QueueConnection contract on $name', (environment) => {
  let env: StartedEnvironment;
  let sut: QueueConnection;
  const uniqueName = () => `contract-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    env = await environment.start();
  });
  beforeEach(() => {
    sut = new QueueConnection(env.queue);
  });
  afterEach(async () => {
    await sut.close();
  });
  afterAll(async () => {
    await env.stop();
  });

  it('runs an enqueued job and keeps its return value', async () => {
    const name = uniqueName();
    const queue = sut.createQueue<{ a: number; b: number }>(name);
    const worker = sut.createWorker<{ a: number; b: number }, number>(
      name,
      async (job) => job.data.a + job.data.b,
    );
    const done = new Promise<number>((resolve) =>
      worker.on('completed', (_job, result) => resolve(result)),
    );
    const job = await queue.add('sum', { a: 2, b: 3 });
    expect(await done).toBe(5);
    expect((await queue.getJob(job.id!))?.returnvalue).toBe(5);
  });

  it('holds a delayed job back until its delay has passed', async () => {
    const name = uniqueName();
    const queue = sut.createQueue<object>(name);
    const ranAt: number[] = [];
    sut.createWorker(name, async () => void ranAt.push(Date.now()));
    const enqueuedAt = Date.now();
    await queue.add('later', {}, { delay: 1200 });
    await waitFor(() => ranAt.length === 1, 15000);
    expect(ranAt[0] - enqueuedAt).toBeGreaterThanOrEqual(1150);
  });

  it('runs a new job promptly while a delayed job is still pending', async () => {
    // Embedded mode has no NOTIFY: the add must wake the idle worker, which would otherwise sleep
    // until the delayed job is due or its safety-net poll comes round (longer than the wait here).
    const connection =
      environment.name === 'embedded'
        ? new QueueConnection({
            kind: 'postgres',
            url: env.queue.url,
            pollSeconds: EMBEDDED_POLL_SECONDS,
          })
        : sut;
    try {
      const name = uniqueName();
      const queue = connection.createQueue<{ n: number }>(name);
      const ran: number[] = [];
      const worker = connection.createWorker<{ n: number }, void>(name, async (job) => {
        ran.push(job.data.n);
      });
      await worker.waitUntilReady();
      await queue.add('later', { n: 1 }, { delay: 20_000 });
      await sleep(300);
      await queue.add('now', { n: 2 });
      await waitFor(() => ran.includes(2), 3000, 'the new job to run');
      expect(ran).toEqual([2]);
    } finally {
      await connection.close();
    }
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const name = uniqueName();
    const queue = sut.createQueue<object>(name);
    const attempts: number[] = [];
    const worker = sut.createWorker(name, async () => {
      attempts.push(Date.now());
      if (attempts.length < 3) throw new Error(`flaky ${attempts.length}`);
      return 'finally';
    });
    const completed = new Promise((resolve) =>
      worker.on('completed', (job) => resolve(job.attemptsMade)),
    );
    await queue.add('flaky', {}, { attempts: 5, backoff: { type: 'exponential', delay: 300 } });
    await completed;
    expect(attempts).toHaveLength(3);
    // exponential: 300 ms before the 2nd attempt, 600 ms before the 3rd
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(280);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(580);
  });

  it('gives up after the last attempt and records the failure', async () => {
    const name = uniqueName();
    const queue = sut.createQueue<object>(name);
    const worker = sut.createWorker(name, async () => {
      throw new Error('always broken');
    });
    const failed = new Promise<{ attemptsMade: number; failedReason: string }>((resolve) =>
      worker.on('failed', (job) => job && job.attemptsMade >= 2 && resolve(job)),
    );
    await queue.add('doomed', {}, { attempts: 2, backoff: { type: 'fixed', delay: 100 } });
    const job = await failed;
    expect(job.failedReason).toBe('always broken');
    expect(job.attemptsMade).toBe(2);
  });

  it('never runs more jobs at once than the concurrency limit', async () => {
    const name = uniqueName();
    const queue = sut.createQueue<object>(name);
    let running = 0;
    let peak = 0;
    let finished = 0;
    sut.createWorker(
      name,
      async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(150);
        running--;
        finished++;
      },
      { concurrency: 3 },
    );
    await queue.addBulk(Array.from({ length: 12 }, (_, i) => ({ name: `job-${i}`, data: {} })));
    await waitFor(() => finished === 12, 30000);
    expect(peak).toBe(3);
  });

  it('runs a job again after the process running it was killed', async () => {
    const name = uniqueName();
    const markers = mkdtempSync(join(tmpdir(), 'hookflow-crash-'));
    const target =
      environment.name === 'embedded' ? { dataDir: env.processEnv.DATA_DIR } : { ...env.queue };
    // In embedded mode the test's own PGlite must let go of the files the child will own.
    if (environment.name === 'embedded') await env.stop();
    const run = (mode: 'hang' | 'work') => startChild(target, name, markers, mode);

    const first = run('hang');
    await waitFor(() => existsSync(join(markers, 'started')), 30000);
    await stopChild(first);

    const second = run('work');
    try {
      await waitFor(() => existsSync(join(markers, 'done')), 30000);
      const done = JSON.parse(readFileSync(join(markers, 'done'), 'utf8'));
      expect(done).toMatchObject({ pid: second.pid, id: 'crash-job', data: { n: 1 } });
    } finally {
      await stopChild(second);
      if (environment.name === 'embedded') env = await restartEmbedded(env);
    }
  });
});

function startChild(
  target: object,
  queueName: string,
  markers: string,
  mode: 'hang' | 'work',
): ChildProcess {
  return spawn(process.execPath, [childScript, JSON.stringify(target), queueName, markers, mode], {
    stdio: 'inherit',
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

/** Re-opens the embedded database the crash test handed to its child processes. */
async function restartEmbedded(previous: StartedEnvironment): Promise<StartedEnvironment> {
  const { EmbeddedPostgres } = await import('../database/embedded-postgres.js');
  const dataDir = previous.processEnv.DATA_DIR;
  const db = await EmbeddedPostgres.start(dataDir);
  return {
    ...previous,
    databaseUrl: db.url,
    queue: { kind: 'postgres', url: db.url },
    stop: async () => {
      await db.stop();
      await previous.stop().catch(() => undefined);
    },
  };
}

// One embedded process owns its PGlite files, so sharing work between processes is a server-mode matter.
const serverEnvironments = testEnvironments().filter(
  (environment) => environment.name !== 'embedded',
);
if (serverEnvironments.length > 0) {
  describe.each(serverEnvironments)('QueueConnection across processes on $name', (environment) => {
    it('runs a job enqueued here in a worker of another process', async () => {
      const env = await environment.start();
      const connection = new QueueConnection(env.queue);
      const markers = mkdtempSync(join(tmpdir(), 'hookflow-share-'));
      const name = `shared-${randomBytes(4).toString('hex')}`;
      const child = startChild(env.queue, name, markers, 'work');
      try {
        await connection
          .createQueue<{ n: number }>(name)
          .add('from-parent', { n: 42 }, { jobId: 'crash-job' });
        await waitFor(
          () => existsSync(join(markers, 'done')),
          30000,
          'the other process to run the job',
        );
        const done = JSON.parse(readFileSync(join(markers, 'done'), 'utf8'));
        expect(done).toMatchObject({ data: { n: 42 } });
        expect(done.pid).toBe(child.pid);
        expect(done.pid).not.toBe(process.pid);
      } finally {
        await stopChild(child);
        await connection.close();
        await env.stop();
      }
    });
  });
}
