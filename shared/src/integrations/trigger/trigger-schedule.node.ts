import { defineNode } from '../../catalog/define-node';

export const triggerScheduleNode = defineNode({
  type: 'trigger.schedule',
  version: 1,
  title: 'Schedule',
  description: 'Starts the flow on a cron schedule.',
  category: 'trigger',
  icon: 'clock',
  props: {
    cron: {
      type: 'text',
      label: 'Cron expression',
      required: true,
      expression: false,
      placeholder: '0 9 * * 1-5',
      description: 'Five fields: minute hour day-of-month month day-of-week.',
    },
    timezone: {
      type: 'text',
      label: 'Time zone',
      required: true,
      default: 'UTC',
      expression: false,
      placeholder: 'Europe/Berlin',
    },
  },
  sampleOutput: {
    scheduledAt: '2025-01-06T09:00:00.000Z',
    firedAt: '2025-01-06T09:00:00.412Z',
    timezone: 'Europe/Berlin',
  },
});
