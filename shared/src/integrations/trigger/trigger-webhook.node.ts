import { defineNode } from '../../catalog/define-node';
import { optionsOf } from '../../catalog/props';
import { rotatableAuthTypes } from './secret-rotation';
import { presetAuthProps } from './presets/preset-props';

const signedPresets = ['github', 'stripe', 'slack', 'shopify', 'twilio', 'standard-webhooks'];
/** Methods checked with a public key the provider shows (not a shared secret). */
const publicKeyPresets = ['discord', 'sendgrid'];
const timestamped = [
  'stripe',
  'slack',
  'standard-webhooks',
  'discord',
  'sendgrid',
  'paypal',
  'hmac',
];

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
            { label: 'Discord interactions', value: 'discord' },
            { label: 'SendGrid Event Webhook', value: 'sendgrid' },
            { label: 'PayPal', value: 'paypal' },
          ],
        },
        secret: {
          type: 'text',
          label: 'Signing secret',
          description:
            'Standard Webhooks: the whsec_… secret, or the whpk_… public key for v1a (Ed25519) signatures.',
          required: true,
          secret: true,
          expression: false,
          displayOptions: { show: { type: ['hmac', ...signedPresets] } },
        },
        publicKey: {
          type: 'text',
          label: 'Public key',
          description:
            'Discord: the application’s public key (hex). SendGrid: the verification key (base64).',
          required: true,
          expression: false,
          displayOptions: { show: { type: publicKeyPresets } },
        },
        webhookId: {
          type: 'text',
          label: 'Webhook ID',
          description: 'The ID PayPal shows for this webhook in the developer dashboard.',
          required: true,
          expression: false,
          placeholder: '1JE4291016473214C',
          displayOptions: { show: { type: ['paypal'] } },
        },
        sentIn: {
          type: 'select',
          label: 'Signature sent in',
          options: [
            { label: 'A header', value: 'header' },
            { label: 'A field of the JSON body (e.g. Mailgun)', value: 'body' },
          ],
          displayOptions: { show: { type: ['hmac'] } },
        },
        header: {
          type: 'text',
          label: 'Header name',
          required: true,
          expression: false,
          placeholder: 'X-Signature',
          displayOptions: { show: { type: ['header', 'hmac'] }, hide: { sentIn: ['body'] } },
        },
        bodyField: {
          type: 'text',
          label: 'Signature body field',
          description: 'Dotted path of the JSON body field holding the signature.',
          required: true,
          expression: false,
          placeholder: 'signature.signature',
          displayOptions: { show: { type: ['hmac'], sentIn: ['body'] } },
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
        timestampHeader: {
          type: 'text',
          label: 'Timestamp header',
          description: 'Set when the sender signs a timestamp; older requests are rejected.',
          expression: false,
          placeholder: 'X-Timestamp',
          displayOptions: { show: { type: ['hmac'] }, hide: { sentIn: ['body'] } },
        },
        timestampField: {
          type: 'text',
          label: 'Timestamp body field',
          description: 'Dotted path of the JSON body field holding the signed Unix timestamp.',
          expression: false,
          placeholder: 'signature.timestamp',
          displayOptions: { show: { type: ['hmac'], sentIn: ['body'] } },
        },
        signedPayloadTemplate: {
          type: 'text',
          label: 'Signed text',
          description:
            'What the signature covers: {body} is the raw body, {timestamp} the timestamp, {header:Name} a header, {json:a.b} a JSON body field. Default: {body}, or {timestamp}.{body} with a timestamp.',
          expression: false,
          placeholder: 'v0:{timestamp}:{body}',
          displayOptions: { show: { type: ['hmac'] } },
        },
        handshake: {
          type: 'select',
          label: 'Answer the URL check of',
          description:
            'Zoom: a signed endpoint.url_validation request is answered with the plainToken and its HMAC-SHA256 (encryptedToken), without starting a run.',
          options: [
            { label: 'Nobody (no URL check)', value: 'none' },
            { label: 'Zoom (endpoint.url_validation)', value: 'zoom' },
          ],
          displayOptions: { show: { type: ['hmac'] } },
        },
        toleranceSeconds: {
          type: 'number',
          label: 'Timestamp tolerance (seconds)',
          description: 'Timestamped schemes reject older requests.',
          integer: true,
          min: 1,
          default: 300,
          displayOptions: { show: { type: timestamped } },
        },
        previousSecret: {
          type: 'text',
          label: 'Previous secret (still accepted)',
          description: 'Set by “Rotate”: requests signed with it pass until the date below.',
          secret: true,
          expression: false,
          displayOptions: { show: { type: rotatableAuthTypes } },
          ownControl: true,
        },
        rotationEndsAt: {
          type: 'text',
          label: 'Accept the previous secret until',
          description: 'Date and time (ISO 8601, e.g. 2026-12-31T12:00:00Z).',
          expression: false,
          placeholder: '2026-12-31T12:00:00Z',
          displayOptions: { show: { type: rotatableAuthTypes } },
          ownControl: true,
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
