import { defineCredential } from '../../catalog/define-node';

export const httpBearerCredential = defineCredential({
  type: 'http.bearer',
  title: 'Bearer token',
  description: 'Sends `Authorization: Bearer <token>`.',
  icon: 'key-round',
  fields: {
    token: { type: 'text', label: 'Token', required: true, secret: true, expression: false },
  },
});
