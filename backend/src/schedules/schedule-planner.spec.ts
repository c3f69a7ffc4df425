import {
  schedulePlanFor,
  scheduledRunKey,
  scheduledTriggerBody,
  schedulerIdFor,
  tickTimeOf,
} from './schedule-planner.js';

const definition = (nodes: Array<{ type: string; config: Record<string, unknown> }>) => ({ nodes });

describe(schedulePlanFor.name, () => {
  const scheduled = definition([
    { type: 'trigger.schedule', config: { cron: ' 0 9 * * 1-5 ', timezone: 'Europe/Berlin' } },
    { type: 'slack.message', config: {} },
  ]);

  it('schedules a published flow with a schedule trigger', () => {
    expect(schedulePlanFor({ status: 'published', definition: scheduled })).toEqual({
      cron: '0 9 * * 1-5',
      timezone: 'Europe/Berlin',
    });
  });

  it.each([
    ['disabled', scheduled],
    ['draft', scheduled],
    ['published', undefined],
    ['published', definition([{ type: 'trigger.webhook', config: {} }])],
  ])('schedules nothing for a %s flow (%#)', (status, def) => {
    expect(schedulePlanFor({ status, definition: def })).toBeUndefined();
  });

  it('defaults the time zone to UTC', () => {
    const plain = definition([{ type: 'trigger.schedule', config: { cron: '* * * * *' } }]);

    expect(schedulePlanFor({ status: 'published', definition: plain })?.timezone).toBe('UTC');
  });
});

describe('tick helpers', () => {
  it('reads the scheduled time of a tick job, even when it ran late', () => {
    expect(tickTimeOf({ opts: { prevMillis: 1736150400000, delay: 10 }, timestamp: 1 })).toEqual(
      new Date('2025-01-06T08:00:00Z'),
    );
    expect(tickTimeOf({ opts: { delay: 500 }, timestamp: 1736150399500 })).toEqual(
      new Date('2025-01-06T08:00:00Z'),
    );
  });

  it('builds ids, run keys and the trigger body', () => {
    const tick = new Date('2025-01-06T08:00:00Z');

    expect(schedulerIdFor('fl:1')).toBe('flow-fl-1');
    expect(scheduledRunKey('fl_1', tick)).toBe('schedule:fl_1:1736150400000');
    expect(scheduledTriggerBody(tick, new Date('2025-01-06T08:00:00.412Z'), 'UTC')).toEqual({
      scheduledAt: '2025-01-06T08:00:00.000Z',
      firedAt: '2025-01-06T08:00:00.412Z',
      timezone: 'UTC',
    });
  });
});
