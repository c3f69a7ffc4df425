import { defineNode } from '../../catalog/define-node';
import { optionsOf } from '../../catalog/props';

export const httpRequestNode = defineNode({
  type: 'http.request',
  version: 1,
  title: 'HTTP request',
  description: 'Calls any HTTP API.',
  category: 'action',
  icon: 'globe',
  props: {
    method: {
      type: 'select',
      label: 'Method',
      required: true,
      default: 'GET',
      options: optionsOf(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']),
    },
    url: {
      type: 'text',
      label: 'URL',
      required: true,
      placeholder: 'https://api.example.com/v1/orders',
    },
    credentialId: {
      type: 'credential',
      label: 'Credential',
      credentialTypes: ['http.bearer', 'http.basic', 'http.header'],
    },
    headers: { type: 'keyValue', label: 'Headers' },
    query: { type: 'keyValue', label: 'Query parameters' },
    body: {
      type: 'json',
      label: 'Body',
      description: 'Objects are sent as JSON; text is sent as is.',
      displayOptions: { show: { method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
    },
    timeoutMs: {
      type: 'number',
      label: 'Timeout (ms)',
      integer: true,
      min: 100,
      max: 300_000,
      default: 30_000,
    },
  },
  sampleOutput: {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: { id: 'ord_1042', status: 'paid', total: 59.9 },
  },
});
