import { QueueConnection } from '../queue/queue-connection.js';
import { testEnvironments } from '../test-support/environments.js';
import { HookflowProcess } from '../test-support/hookflow-process.js';
import { waitFor } from '../test-support/wait-for.js';
import { OrdersApiStandIn, pollingFlow } from './orders-api-stand-in.js';
import { pollsQueueName, type PollJob } from './poll-plan.js';
import { idsOf, PollingClient } from './polling-test-client.js';

// Server modes only (the embedded database belongs to one process): two worker processes poll
// the same flow at the same time, and every new item still starts exactly one run.

const serverEnvironments = testEnvironments().filter(
  (environment) => environment.name !== 'embedded',
);
const describeServers = serverEnvironments.length ? describe.each(serverEnvironments) : undefined;

describeServers?.('Polling with two worker processes ($name mode)', (environment) => {
  const api = new OrdersApiStandIn();
  const workers: HookflowProcess[] = [];
  let hookflow: PollingClient;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    await api.start();
    const settings = await environment.appSettings();
    cleanup = settings.cleanup;
    const env = { ...settings.env, OUTBOUND_ALLOWLIST: '127.0.0.1/32' };
    // The API runs in this process and takes no poll jobs; only the two workers poll.
    hookflow = await new PollingClient({ ...env, ROLE: 'api' }).start();
    for (let i = 0; i < 2; i++)
      workers.push(await new HookflowProcess({ ...env, ROLE: 'worker' }).start());
    Object.assign(hookflow, await hookflow.signup('Twins'));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await hookflow?.server?.stop();
    await cleanup?.();
    await api.stop();
  });

  it('takes one baseline, then starts each new item once however many polls race', async () => {
    api.add(3);
    const flowId = await hookflow.createFlow(pollingFlow(`${api.url}/orders`));
    const baseline = await hookflow.firstScheduledPoll(flowId);
    expect(baseline.poll).toMatchObject({ cause: 'schedule', baseline: true, found: 3, new: 0 });

    api.add(3);
    // Eight polls of the flow at once, as overlapping ticks would be, spread over both workers.
    const queue = hookflow.server!.app.get(QueueConnection).createQueue<PollJob>(pollsQueueName);
    const job = { flowId, teamId: hookflow.teamId };
    await queue.addBulk(Array.from({ length: 8 }, () => ({ name: 'poll', data: job })));
    await waitFor(
      async () => (await hookflow.deliveries(flowId)).length === 9,
      30_000,
      'eight more polls',
    );

    const polls = await hookflow.deliveries(flowId);
    expect(polls.every((poll) => poll.outcome === 'accepted')).toBe(true);
    expect(polls.reduce((sum, poll) => sum + (poll.poll?.new ?? 0), 0)).toBe(3);
    expect(idsOf(await hookflow.runs(flowId))).toEqual(['ord_4', 'ord_5', 'ord_6']);
    expect(api.requests).toHaveLength(9);
  });
});
