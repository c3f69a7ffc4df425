import { defineCredential } from '../../catalog/define-node';

export const httpHeaderCredential = defineCredential({
  type: 'http.header',
  title: 'API key header',
  description: 'Sends one header holding an API key, e.g. `X-API-Key`.',
  icon: 'key-square',
  fields: {
    name: {
      type: 'text',
      label: 'Header name',
      required: true,
      placeholder: 'X-API-Key',
      expression: false,
    },
    value: { type: 'text', label: 'Header value', required: true, secret: true, expression: false },
  },
});
