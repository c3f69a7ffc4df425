import { defineNode } from '../../catalog/define-node';
import { optionsOf } from '../../catalog/props';
import { presetAuthProps } from './presets/preset-props';

const signedPresets = ['github', 'stripe', 'slack', 'shopify', 'twilio', 'standard-webhooks'];

/** The `trigger.webhook` config. Nothing here is a template except the key expressions. */
export const triggerWebhookNode = defineNode({
  type: 'trigger.webhook',
  version: 1,
  title: 'Webhook',
  description: 'Starts the flow when a request reaches the flow’s trigger URL.',
  category: 'trigger',
  icon: 'webhook',
  props: {
    methods: {
      type: 'multiselect',
      label: 'HTTP methods',
      required: true,
      default: ['POST'],
      options: optionsOf(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    },
    auth: {
      type: 'object',
      label: 'Authentication',
      default: {},
      props: {
        type: {
          type: 'select',
          label: 'Method',
          required: true,
          default: 'none',
          options: [
            { label: 'None', value: 'none' },
            { label: 'Header token', value: 'header' },
            { label: 'Basic auth', value: 'basic' },
            { label: 'HMAC signature', value: 'hmac' },
            { label: 'GitHub', value: 'github' },
            { label: 'Stripe', value: 'stripe' },
            { label: 'Slack', value: 'slack' },
            { label: 'Shopify', value: 'shopify' },
            { label: 'Twilio', value: 'twilio' },
            { label: 'Standard Webhooks', value: 'standard-webhooks' },
          ],
        },
        secret: {
          type: 'text',
          label: 'Signing secret',
          required: true,
          secret: true,
          expression: false,
          displayOptions: { show: { type: ['hmac', ...signedPresets] } },
        },
        header: {
          type: 'text',
          label: 'Header name',
          required: true,
          expression: false,
          placeholder: 'X-Signature',
          displayOptions: { show: { type: ['header', 'hmac'] } },
        },
        value: {
          type: 'text',
          label: 'Expected header value',
          required: true,
          secret: true,
          expression: false,
          displayOptions: { show: { type: ['header'] } },
        },
        username: {
          type: 'text',
          label: 'Username',
          required: true,
          expression: false,
          displayOptions: { show: { type: ['basic'] } },
        },
        password: {
          type: 'text',
          label: 'Password',
          required: true,
          secret: true,
          expression: false,
          displayOptions: { show: { type: ['basic'] } },
        },
        algorithm: {
          type: 'select',
          label: 'Algorithm',
          default: 'sha256',
          options: [
            { label: 'SHA-1', value: 'sha1' },
            { label: 'SHA-256', value: 'sha256' },
            { label: 'SHA-512', value: 'sha512' },
          ],
          displayOptions: { show: { type: ['hmac'] } },
        },
        encoding: {
          type: 'select',
          label: 'Signature encoding',
          default: 'hex',
          options: [
            { label: 'Hex', value: 'hex' },
            { label: 'Base64', value: 'base64' },
          ],
          displayOptions: { show: { type: ['hmac'] } },
        },
        prefix: {
          type: 'text',
          label: 'Signature prefix',
          expression: false,
          placeholder: 'sha256=',
          displayOptions: { show: { type: ['hmac'] } },
        },
        toleranceSeconds: {
          type: 'number',
          label: 'Timestamp tolerance (seconds)',
          description: 'Timestamped schemes reject older requests.',
          integer: true,
          min: 1,
          default: 300,
          displayOptions: { show: { type: ['stripe', 'slack', 'standard-webhooks'] } },
        },
        ...presetAuthProps,
      },
    },
    response: {
      type: 'object',
      label: 'Response',
      default: {},
      props: {
        mode: {
          type: 'select',
          label: 'Respond',
          required: true,
          default: 'accepted',
          options: [
            { label: 'Immediately with 202 and the execution id', value: 'accepted' },
            { label: 'With the flow’s result (webhook.respond)', value: 'sync' },
          ],
        },
        timeoutMs: {
          type: 'number',
          label: 'Wait at most (ms)',
          integer: true,
          min: 100,
          max: 120_000,
          default: 10_000,
          displayOptions: { show: { mode: ['sync'] } },
        },
      },
    },
    dedupe: {
      type: 'object',
      label: 'De-duplication',
      description:
        'A delivery whose id was seen before returns the first execution instead of a new run.',
      requireOneOf: ['header', 'expression'],
      props: {
        header: {
          type: 'text',
          label: 'Delivery-id header',
          expression: false,
          placeholder: 'X-GitHub-Delivery',
        },
        expression: {
          type: 'text',
          label: 'Delivery-id expression',
          placeholder: '{{ trigger.body.id }}',
        },
        ttlSeconds: {
          type: 'number',
          label: 'Remember ids for (seconds)',
          integer: true,
          min: 1,
          default: 604_800,
        },
      },
    },
    rateLimit: {
      type: 'object',
      label: 'Rate limit',
      props: {
        perMinute: {
          type: 'number',
          label: 'Requests per minute',
          required: true,
          integer: true,
          min: 1,
        },
      },
    },
    allowIps: {
      type: 'stringList',
      label: 'Allowed IPs (CIDR)',
      expression: false,
      placeholder: '192.30.252.0/22',
    },
    maxBodyBytes: { type: 'number', label: 'Maximum body size (bytes)', integer: true, min: 1 },
    concurrency: { type: 'number', label: 'Maximum parallel runs', integer: true, min: 1 },
    orderingKey: {
      type: 'text',
      label: 'Ordering key',
      description: 'Runs with the same key execute one at a time, in arrival order.',
      placeholder: '{{ trigger.body.customer.id }}',
    },
  },
  sampleOutput: {
    method: 'POST',
    path: '/hooks/8f3c…',
    headers: { 'content-type': 'application/json', 'user-agent': 'GitHub-Hookshot/1a2b3c' },
    query: {},
    body: {
      action: 'opened',
      repository: { full_name: 'acme/shop' },
      sender: { login: 'octocat' },
    },
    rawBody:
      '{"action":"opened","repository":{"full_name":"acme/shop"},"sender":{"login":"octocat"}}',
  },
});
