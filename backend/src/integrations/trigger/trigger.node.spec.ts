import { aRunInput, aTriggerContext } from '../../test-support/node-test-input.js';
import { triggerManualHandler } from './trigger-manual.node.js';
import { triggerPollHandler } from './trigger-poll.node.js';
import { triggerScheduleHandler } from './trigger-schedule.node.js';
import { triggerWebhookHandler } from './trigger-webhook.node.js';

describe('trigger nodes', () => {
  const context = aTriggerContext();

  it('trigger.webhook outputs the request it was started by', async () => {
    const result = await triggerWebhookHandler.run(
      aRunInput(triggerWebhookHandler, {}, { context }),
    );

    expect(result).toEqual({
      output: {
        method: 'POST',
        path: '/hooks/k3y',
        headers: { 'content-type': 'application/json' },
        query: { source: 'test' },
        body: { orderId: 'ord_1042', total: 59.9 },
        rawBody: '{"orderId":"ord_1042","total":59.9}',
      },
    });
  });

  it('trigger.manual outputs the request it was started by', async () => {
    const result = await triggerManualHandler.run(aRunInput(triggerManualHandler, {}, { context }));

    expect(result).toEqual({
      output: {
        method: 'POST',
        path: '/hooks/k3y',
        headers: { 'content-type': 'application/json' },
        query: { source: 'test' },
        body: { orderId: 'ord_1042', total: 59.9 },
      },
    });
  });

  it('trigger.schedule outputs the tick the scheduler put in the trigger body', async () => {
    const tick = {
      scheduledAt: '2025-01-06T09:00:00.000Z',
      firedAt: '2025-01-06T09:00:00.412Z',
      timezone: 'UTC',
    };
    const input = aRunInput(
      triggerScheduleHandler,
      { cron: '0 9 * * 1-5' },
      { context: aTriggerContext({ trigger: { ...context.trigger, body: tick } }) },
    );

    expect(await triggerScheduleHandler.run(input)).toEqual({ output: tick });
  });

  it('trigger.poll outputs the item the poller put in the trigger body', async () => {
    const item = { item: { id: 'ord_7', status: 'paid' } };
    const input = aRunInput(
      triggerPollHandler,
      { url: 'https://api.test/orders' },
      { context: aTriggerContext({ trigger: { ...context.trigger, body: item } }) },
    );

    expect(await triggerPollHandler.run(input)).toEqual({ output: item });
  });
});
