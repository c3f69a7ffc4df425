import { defineNode } from '../../catalog/define-node';
import { optionsOf } from '../../catalog/props';

/** The shortest time between two polls of one flow: APIs rate-limit, and users pay for calls. */
export const minPollIntervalSeconds = 30;

export const triggerPollNode = defineNode({
  type: 'trigger.poll',
  version: 1,
  title: 'Poll an API',
  description:
    'Asks an API every N seconds (at least 30) or on a cron schedule and starts the flow once per new item, oldest first. The first poll after publishing only records what is already there.',
  category: 'trigger',
  icon: 'refresh-cw',
  props: {
    method: {
      type: 'select',
      label: 'Method',
      required: true,
      default: 'GET',
      options: optionsOf(['GET', 'POST']),
    },
    url: {
      type: 'text',
      label: 'URL',
      required: true,
      expression: false,
      placeholder: 'https://api.example.com/orders',
    },
    credentialId: {
      type: 'credential',
      label: 'Credential',
      credentialTypes: ['http.bearer', 'http.basic', 'http.header'],
    },
    headers: { type: 'keyValue', label: 'Headers', expression: false },
    query: { type: 'keyValue', label: 'Query parameters', expression: false },
    body: {
      type: 'json',
      label: 'Body',
      description: 'Sent as JSON with POST (search APIs).',
      expression: false,
      displayOptions: { show: { method: ['POST'] } },
    },
    every: {
      type: 'select',
      label: 'Poll',
      required: true,
      default: 'interval',
      options: [
        { label: 'Every N seconds', value: 'interval' },
        { label: 'On a cron schedule', value: 'cron' },
      ],
    },
    intervalSeconds: {
      type: 'number',
      label: 'Every (seconds)',
      description: `At least ${minPollIntervalSeconds}.`,
      required: true,
      integer: true,
      min: minPollIntervalSeconds,
      default: 300,
      displayOptions: { show: { every: ['interval'] } },
    },
    cron: {
      type: 'text',
      label: 'Cron expression',
      description: `Five fields: minute hour day-of-month month day-of-week; polls at least ${minPollIntervalSeconds} s apart.`,
      required: true,
      expression: false,
      placeholder: '*/5 * * * *',
      displayOptions: { show: { every: ['cron'] } },
    },
    timezone: {
      type: 'text',
      label: 'Time zone',
      default: 'UTC',
      expression: false,
      placeholder: 'Europe/Berlin',
      displayOptions: { show: { every: ['cron'] } },
    },
    itemsPath: {
      type: 'text',
      label: 'Items path',
      description:
        'Where the list is in the response body, e.g. data.orders; empty when the body is the list. A {{ }} JSONata expression over the body also works.',
      expression: false,
      placeholder: 'data.orders',
    },
    idPath: {
      type: 'text',
      label: 'Item id path',
      description:
        'What tells items apart, e.g. id; or a {{ }} JSONata expression over the item, such as {{ updated_at & id }} to fire again when an item changes.',
      required: true,
      default: 'id',
      expression: false,
    },
    listOrder: {
      type: 'select',
      label: 'The API lists',
      description: 'Runs start oldest item first either way.',
      required: true,
      default: 'newestFirst',
      options: [
        { label: 'Newest items first', value: 'newestFirst' },
        { label: 'Oldest items first', value: 'oldestFirst' },
      ],
    },
    includeExisting: {
      type: 'boolean',
      label: 'Include existing items',
      description: 'Start a run for every item of the first poll too, not only for later ones.',
      default: false,
    },
  },
  sampleOutput: {
    item: { id: 'ord_1042', status: 'paid', total: 59.9, createdAt: '2025-01-06T08:59:12Z' },
  },
});
