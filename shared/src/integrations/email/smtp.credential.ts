import { defineCredential } from '../../catalog/define-node';

export const smtpCredential = defineCredential({
  type: 'smtp',
  title: 'SMTP server',
  description: 'An SMTP account used to send e-mail.',
  icon: 'mail',
  fields: {
    host: {
      type: 'text',
      label: 'Host',
      required: true,
      placeholder: 'smtp.example.com',
      expression: false,
    },
    port: {
      type: 'number',
      label: 'Port',
      required: true,
      integer: true,
      min: 1,
      max: 65535,
      default: 587,
    },
    secure: {
      type: 'select',
      label: 'Security',
      required: true,
      default: 'starttls',
      options: [
        { label: 'TLS (usually port 465)', value: 'tls' },
        { label: 'STARTTLS (usually port 587)', value: 'starttls' },
        { label: 'None', value: 'none' },
      ],
    },
    user: { type: 'text', label: 'User', expression: false },
    password: { type: 'text', label: 'Password', secret: true, expression: false },
    from: {
      type: 'text',
      label: 'From',
      required: true,
      placeholder: 'Hookflow <bot@example.com>',
      expression: false,
    },
  },
});
