import { defineCredential } from '../../catalog/define-node';

export const httpBasicCredential = defineCredential({
  type: 'http.basic',
  title: 'Basic auth',
  description: 'Sends `Authorization: Basic <base64(username:password)>`.',
  icon: 'user-round-key',
  fields: {
    username: { type: 'text', label: 'Username', required: true, expression: false },
    password: { type: 'text', label: 'Password', required: true, secret: true, expression: false },
  },
});
