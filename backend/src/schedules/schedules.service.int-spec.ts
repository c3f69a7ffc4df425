import { randomBytes } from 'node:crypto';
import { QueueConnection } from '../queue/queue-connection.js';
import { testEnvironments, type StartedEnvironment } from '../test-support/environments.js';
import { waitFor } from '../test-support/wait-for.js';
import { ScheduleConfigError } from './next-runs.js';
import { SchedulesService, type StartScheduledRun } from './schedules.service.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testEnvironments())('SchedulesService on $name', (environment) => {
  let env: StartedEnvironment;
  // Two connections stand for two worker processes sharing the queue.
  let connections: QueueConnection[];
  let sut: SchedulesService;

  beforeAll(async () => {
    env = await environment.start();
  });
  beforeEach(async () => {
    connections = [new QueueConnection(env.queue), new QueueConnection(env.queue)];
    sut = new SchedulesService(connections[0]);
    await sut.onModuleInit();
  });
  afterEach(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
  });
  afterAll(async () => {
    await env.stop();
  });

  const flowId = () => `fl_${randomBytes(4).toString('hex')}`;

  it('fires an every-second schedule once per tick across two workers, until removed', async () => {
    const id = flowId();
    const runs: Array<{ flowId: string; tick: number; teamId: string; worker: string }> = [];
    const recorder =
      (worker: string): StartScheduledRun =>
      async (flow, tick, job) => {
        runs.push({ flowId: flow, tick: tick.getTime(), teamId: job.teamId, worker });
      };
    await sut.startWorker(recorder('a'));
    const other = new SchedulesService(connections[1]);
    await other.startWorker(recorder('b'));

    await sut.sync(id, 'team_1', '* * * * * *', 'Europe/Berlin', 3);
    await waitFor(() => runs.length >= 5, 30_000, 'five ticks');
    await sut.remove(id);
    const afterRemove = runs.length;

    const ticks = runs.map((run) => run.tick);
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const tick of ticks) expect(tick % 1000).toBe(0);
    expect(runs.every((run) => run.flowId === id && run.teamId === 'team_1')).toBe(true);
    expect(await sut.nextTick(id)).toBeUndefined();

    // At most a tick already claimed when the schedule went away still finishes.
    await sleep(2500);
    expect(runs.length - afterRemove).toBeLessThanOrEqual(1);
  });

  it('replaces a flow’s schedule when synced again', async () => {
    const id = flowId();
    await sut.sync(id, 'team_1', '0 9 * * *', 'UTC');
    await sut.sync(id, 'team_1', '30 6 * * *', 'Asia/Kolkata');

    const next = await sut.nextTick(id);
    // 06:30 in Kolkata is 01:00 UTC.
    expect(next?.toISOString()).toMatch(/T01:00:00\.000Z$/);
    await sut.remove(id);
    expect(await sut.nextTick(id)).toBeUndefined();
  });

  it('refuses a schedule that cannot run, naming the field', async () => {
    await expect(sut.sync(flowId(), 'team_1', '* * *', 'UTC')).rejects.toThrow(ScheduleConfigError);
    await expect(sut.sync(flowId(), 'team_1', '* * * * *', 'Nowhere/Land')).rejects.toThrow(
      /^timezone: /,
    );
  });
});
