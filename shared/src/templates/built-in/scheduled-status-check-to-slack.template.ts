import type { TemplateDocument } from '../template-document.schema';

export const scheduledStatusCheckToSlackTemplate: TemplateDocument = {
  format: 'hookflow.template',
  formatVersion: 1,
  name: 'Scheduled HTTP check → Slack',
  description:
    'Every 15 minutes, reads a Statuspage status (GitHub’s here; point it at any ' +
    '/api/v2/status.json) and posts to Slack when it is not all green.',
  definition: {
    schemaVersion: 1,
    nodes: [
      {
        id: 'n1',
        type: 'trigger.schedule',
        name: 'Every 15 minutes',
        position: { x: 0, y: 0 },
        config: { cron: '*/15 * * * *', timezone: 'UTC' },
      },
      {
        id: 'n2',
        type: 'http.request',
        name: 'Read status',
        position: { x: 260, y: 0 },
        config: {
          method: 'GET',
          url: 'https://www.githubstatus.com/api/v2/status.json',
          timeoutMs: 10_000,
        },
      },
      {
        id: 'n3',
        type: 'logic.filter',
        name: 'Only when degraded',
        position: { x: 520, y: 0 },
        config: { condition: '{{ steps.n2.body.status.indicator != "none" }}' },
      },
      {
        id: 'n4',
        type: 'slack.message',
        name: 'Alert Slack',
        position: { x: 780, y: 0 },
        config: {
          channel: '#ops',
          text: 'Status check: {{ steps.n2.body.status.description }} ({{ steps.n2.body.page.url }})',
        },
      },
    ],
    edges: [
      { id: 'e1', source: 'n1', target: 'n2' },
      { id: 'e2', source: 'n2', target: 'n3' },
      { id: 'e3', source: 'n3', target: 'n4' },
    ],
  },
  credentialPlaceholders: {
    n4: { field: 'credentialId', credentialTypes: ['slack.webhook', 'slack.bot'] },
  },
};
