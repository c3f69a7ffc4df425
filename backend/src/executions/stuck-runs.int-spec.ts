import { jest } from '@jest/globals';
import type { FlowDefinition } from '@hookflow/shared';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { testEnvironments } from '../test-support/environments.js';
import { webhookToSink } from '../test-support/flow-fixtures.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';
import { ExecutionEventBus, type ExecutionSignal } from './execution-events.js';
import { ExecutionQueue, executionIdOfJob } from './execution-queue.js';
import { ExecutionRunner } from './execution-runner.js';
import { ExecutionWorker } from './execution-worker.js';

// The job-exhaustion case waits out BullMQ's real backoff: 1 + 2 + 4 + 8 s.
jest.setTimeout(120_000);

describe.each(testEnvironments())('Runs that would stay stuck ($name mode)', (environment) => {
  let app: TestApp;
  let sink: HttpSink;
  let token: string;
  let teamId: string;
  let db: DataSource;
  let queue: ExecutionQueue;
  let worker: ExecutionWorker;
  let runner: ExecutionRunner;
  let events: ExecutionEventBus;

  const publish = async (name: string, definition: FlowDefinition) =>
    (await app.publishFlow(token, teamId, name, definition)).hookUrl;
  const deliver = async (hookUrl: string, body: Record<string, unknown>) => {
    const response = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { executionId: string }).executionId;
  };
  const execution = async (id: string) =>
    (await app.request('GET', `/api/teams/${teamId}/executions/${id}`, { token })).body as {
      status: string;
      steps: Array<{ nodeId: string; status: string; error: { message: string } | null }>;
    };
  // The API does not show a run's error yet; the column is what the run was marked with.
  const errorOf = async (id: string) =>
    (await db.query(`SELECT error FROM hookflow.executions WHERE id = $1`, [id]))[0].error;
  const statusIs = (id: string, status: string) => async () =>
    (await execution(id)).status === status;
  const callsFor = (run: string) =>
    sink.requests.filter((request) => JSON.parse(request.body || '{}').run === run);
  /** The jobs of an execution still waiting, delayed or running. */
  const liveJobs = async (executionId: string) =>
    (
      (await queue.queue.getJobs(['active', 'waiting', 'delayed', 'prioritized'])) as Job<unknown>[]
    ).filter((job) => executionIdOfJob(job.id!) === executionId);
  /** Completed, or (BullMQ's Postgres backend) removed on completion. */
  const firstJobDone = (id: string) => async () =>
    ['completed', 'unknown'].includes(await queue.queue.getJobState(id));
  /** Makes the run look idle for ten minutes, as if the sweeper met it much later. */
  const age = async (executionId: string) => {
    await db.query(
      `UPDATE hookflow.executions SET created_at = created_at - interval '10 minutes',
              started_at = started_at - interval '10 minutes' WHERE id = $1`,
      [executionId],
    );
    await db.query(
      `UPDATE hookflow.step_runs SET started_at = started_at - interval '10 minutes',
              finished_at = finished_at - interval '10 minutes',
              resume_at = resume_at - interval '10 minutes' WHERE execution_id = $1`,
      [executionId],
    );
  };
  /**
   * Replaces the runner for runs whose trigger body says `fate`: `crash` starts the run and then
   * throws (the database went away mid-run), `stall` fails the job the way BullMQ fails a job
   * that stalled too often, `lose` starts the run and ends the job as if it had vanished.
   */
  const stageFates = () => {
    const advance = runner.advance.bind(runner);
    const markRunning = (id: string) =>
      db.query(
        `UPDATE hookflow.executions SET status = 'running', started_at = now() WHERE id = $1`,
        [id],
      );
    jest.spyOn(runner, 'advance').mockImplementation(async (id: string) => {
      const [row] = await db.query(
        `SELECT trigger #>> '{body,fate}' AS fate FROM hookflow.executions WHERE id = $1`,
        [id],
      );
      switch (row?.fate) {
        case 'crash':
          await markRunning(id);
          throw new Error('connection to the database was lost');
        case 'stall':
          throw new UnrecoverableError('job stalled more than allowable limit');
        case 'lose':
          await markRunning(id);
          return;
        default:
          return advance(id);
      }
    });
  };

  beforeAll(async () => {
    sink = await new HttpSink().start();
    app = await startTestApp(environment, { OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Sweeper'));
    db = app.server.app.get(DataSource);
    queue = app.server.app.get(ExecutionQueue);
    worker = app.server.app.get(ExecutionWorker);
    runner = app.server.app.get(ExecutionRunner);
    events = app.server.app.get(ExecutionEventBus);
    // The tests call the sweepers themselves; the timers' sweeps would count as extra sightings.
    worker.beforeApplicationShutdown();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  it('resumes a waiting run whose job was removed, once, and only when it is overdue', async () => {
    const hookUrl = await publish(
      'Delayed',
      webhookToSink(`${sink.url}/delayed`, { delayMs: 6000 }),
    );
    const deliveredAt = Date.now();
    const lost = await deliver(hookUrl, { run: 'lost' });
    const late = await deliver(hookUrl, { run: 'late' });
    await waitFor(statusIs(lost, 'waiting'), 15_000, 'the first run to wait');
    await waitFor(statusIs(late, 'waiting'), 15_000, 'the second run to wait');
    for (const id of [lost, late]) await waitFor(firstJobDone(id), 15_000, 'the first job to end');

    // Overdue, but its delayed job is still there: nothing is added next to it.
    await age(lost);
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    expect(await liveJobs(lost)).toHaveLength(1);

    // Both jobs disappear (think: Redis restarted without persistence).
    for (const id of [lost, late]) {
      const jobs = await liveJobs(id);
      expect(jobs.map((job) => job.id)).toEqual([expect.stringContaining('_resume_')]);
      await jobs[0].remove();
    }
    // The first sighting only notes the run; the next one, in the same state, resumes it.
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    expect((await worker.sweepStuckRuns()).resumed).toBe(1);
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    await waitFor(statusIs(lost, 'succeeded'), 20_000, 'the resumed run to finish');
    expect(callsFor('lost')).toHaveLength(1);
    expect((await execution(lost)).steps.map((step) => [step.nodeId, step.status])).toEqual([
      ['hook', 'succeeded'],
      ['wait', 'succeeded'],
      ['call', 'succeeded'],
    ]);

    // The second run is due now, but not overdue by twice a job lock: it is left alone.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, deliveredAt + 6500 - Date.now())),
    );
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    expect((await execution(late)).status).toBe('waiting');
    expect(callsFor('late')).toHaveLength(0);

    await age(late);
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    expect((await worker.sweepStuckRuns()).resumed).toBe(1);
    await waitFor(statusIs(late, 'succeeded'), 20_000, 'the second resumed run to finish');
    expect(callsFor('late')).toHaveLength(1);
    expect(callsFor('lost')).toHaveLength(1);
  });

  it('resumes a run left running without a job from where it was', async () => {
    const hookUrl = await publish('Lost mid-run', webhookToSink(`${sink.url}/lost`));
    stageFates();
    const id = await deliver(hookUrl, { run: 'vanished', fate: 'lose' });
    await waitFor(firstJobDone(id), 15_000, 'the job to end');
    expect((await execution(id)).status).toBe('running');
    jest.restoreAllMocks();

    // Not idle long enough yet: a long step would look the same.
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    await age(id);
    expect((await worker.sweepStuckRuns()).resumed).toBe(0);
    expect((await worker.sweepStuckRuns()).resumed).toBe(1);
    await waitFor(statusIs(id, 'succeeded'), 20_000, 'the resumed run to finish');
    expect(callsFor('vanished')).toHaveLength(1);
  });

  it('fails the run whose job used up its attempts, which frees its concurrency slot', async () => {
    const hookUrl = await publish(
      'One at a time',
      webhookToSink(`${sink.url}/limited`, { trigger: { concurrency: 1 } }),
    );
    stageFates();
    const doomed = await deliver(hookUrl, { run: 'doomed', fate: 'crash' });
    const signals: ExecutionSignal[] = [];
    const unsubscribe = events.subscribe(doomed, (signal) => signals.push(signal));
    try {
      await waitFor(statusIs(doomed, 'running'), 15_000, 'the doomed run to start');
      const next = await deliver(hookUrl, { run: 'next' });

      // While the doomed run's job retries, it holds the flow's only slot.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect((await execution(next)).status).toBe('queued');
      expect(callsFor('next')).toHaveLength(0);

      await waitFor(statusIs(doomed, 'failed'), 45_000, 'the doomed run to be marked failed');
      expect(await errorOf(doomed)).toBe(
        'The run could not be completed: connection to the database was lost',
      );
      const job = await queue.queue.getJob(doomed);
      expect(await job!.getState()).toBe('failed');
      expect(job!.attemptsMade).toBe(5);
      await waitFor(
        () => signals.some((signal) => signal.kind === 'status'),
        5000,
        'a status event for the failed run',
      );

      await waitFor(statusIs(next, 'succeeded'), 20_000, 'the next run to take the slot');
      expect(callsFor('next')).toHaveLength(1);
      expect(callsFor('doomed')).toHaveLength(0);
    } finally {
      unsubscribe();
    }
  });

  it('fails the run whose job failed for good before its attempts ran out (stalled too often)', async () => {
    const hookUrl = await publish('Stalls', webhookToSink(`${sink.url}/stalls`));
    stageFates();
    const id = await deliver(hookUrl, { run: 'stalled', fate: 'stall' });
    await waitFor(statusIs(id, 'failed'), 15_000, 'the run to be marked failed');
    expect(await errorOf(id)).toBe(
      'The run could not be completed: job stalled more than allowable limit',
    );
    const job = await queue.queue.getJob(id);
    expect(job!.attemptsMade).toBeLessThan(5);
    // Finished runs are left as they are.
    expect(await worker.failRun(id, 'again')).toBe(false);
    expect(await errorOf(id)).toBe(
      'The run could not be completed: job stalled more than allowable limit',
    );
  });
});
