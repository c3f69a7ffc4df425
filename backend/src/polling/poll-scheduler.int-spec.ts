import { randomBytes } from 'node:crypto';
import { QueueConnection } from '../queue/queue-connection.js';
import { testEnvironments, type StartedEnvironment } from '../test-support/environments.js';
import { waitFor } from '../test-support/wait-for.js';
import type { PollJob } from './poll-plan.js';
import { PollScheduler } from './poll-scheduler.service.js';

describe.each(testEnvironments())('PollScheduler on $name', (environment) => {
  let env: StartedEnvironment;
  // Two connections stand for two worker processes sharing the queue.
  let connections: QueueConnection[];
  let schedulers: PollScheduler[];

  beforeAll(async () => {
    env = await environment.start();
  });
  beforeEach(async () => {
    connections = [new QueueConnection(env.queue), new QueueConnection(env.queue)];
    schedulers = connections.map((connection) => new PollScheduler(connection));
    await Promise.all(schedulers.map((scheduler) => scheduler.onModuleInit()));
  });
  afterEach(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
  });
  afterAll(async () => {
    await env.stop();
  });

  const flowId = () => `fl_${randomBytes(4).toString('hex')}`;

  it('polls an interval schedule at once, on one of two workers, then waits an interval', async () => {
    const id = flowId();
    const polls: Array<PollJob & { worker: number }> = [];
    await Promise.all(
      schedulers.map((scheduler, worker) =>
        scheduler.startWorker(async (job) => {
          polls.push({ ...job, worker });
        }),
      ),
    );
    const before = Date.now();
    await schedulers[0].sync(id, 'team_1', { kind: 'interval', everyMs: 3_600_000 });
    await waitFor(() => polls.length > 0, 30_000, 'the first poll');
    expect(polls).toEqual([{ flowId: id, teamId: 'team_1', worker: expect.any(Number) }]);
    // The next one is an interval after the first.
    const next = (await schedulers[0].nextPoll(id))!.getTime();
    expect(next).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(next).toBeLessThanOrEqual(Date.now() + 3_600_000);

    await schedulers[1].remove(id);
    expect(await schedulers[0].nextPoll(id)).toBeUndefined();
    expect(polls).toHaveLength(1);
  });

  it('follows a cron schedule in its time zone, replaced when synced again', async () => {
    const id = flowId();
    await schedulers[0].sync(id, 'team_1', { kind: 'cron', cron: '0 9 * * *', timezone: 'UTC' });
    expect((await schedulers[0].nextPoll(id))?.toISOString()).toMatch(/T09:00:00\.000Z$/);
    await schedulers[0].sync(id, 'team_1', {
      kind: 'cron',
      cron: '30 6 * * *',
      timezone: 'Asia/Kolkata',
    });
    // 06:30 in Kolkata is 01:00 UTC.
    expect((await schedulers[0].nextPoll(id))?.toISOString()).toMatch(/T01:00:00\.000Z$/);
    await schedulers[0].remove(id);
    expect(await schedulers[0].nextPoll(id)).toBeUndefined();
  });
});
