import type { PropsRecord } from './props';
import { defaultConfig, isPropVisible, secretPaths } from './props';
import { propsToZod } from './props-to-zod';
import { webhookTriggerConfigSchema } from '../integrations/trigger/webhook-trigger-config.schema';

const props = {
  url: { type: 'text', label: 'URL', required: true },
  retries: { type: 'number', label: 'Retries', integer: true, min: 0, max: 5 },
  verbose: { type: 'boolean', label: 'Verbose', default: false },
  method: {
    type: 'select',
    label: 'Method',
    options: [
      { label: 'GET', value: 'GET' },
      { label: 'POST', value: 'POST' },
    ],
  },
  body: {
    type: 'json',
    label: 'Body',
    required: true,
    displayOptions: { show: { method: ['POST'] } },
  },
  delayMs: { type: 'number', label: 'Delay', expression: true },
  tags: { type: 'stringList', label: 'Tags' },
  headers: { type: 'keyValue', label: 'Headers' },
} satisfies PropsRecord;

const messages = (input: unknown) => {
  const result = propsToZod(props).safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe(propsToZod.name, () => {
  it('accepts a valid config and fills defaults', () => {
    expect(propsToZod(props).parse({ url: 'https://x.test', retries: 2 })).toEqual({
      url: 'https://x.test',
      retries: 2,
      verbose: false,
    });
  });

  it('requires required props, empty text included', () => {
    expect(messages({})).toEqual(['url: is required']);
    expect(messages({ url: '' })).toEqual(['url: is required']);
  });

  it('checks types with readable messages', () => {
    expect(
      messages({ url: 'x', retries: 1.5, verbose: 'yes', method: 'PUT', headers: { a: 1 } }),
    ).toEqual([
      'retries: must be a whole number',
      'verbose: must be true or false',
      'method: must be one of: GET, POST',
      'headers.a: must be text',
    ]);
    expect(messages({ url: 'x', retries: 9 })).toEqual(['retries: must be at most 5']);
  });

  it('requires a conditional prop only while displayOptions show it', () => {
    expect(messages({ url: 'x', method: 'GET' })).toEqual([]);
    expect(messages({ url: 'x', method: 'POST' })).toEqual(['body: is required']);
    expect(messages({ url: 'x', method: 'POST', body: { a: 1 } })).toEqual([]);
  });

  it('accepts templates where expressions are allowed, and only there', () => {
    expect(
      messages({
        url: '{{ trigger.body.url }}',
        delayMs: '{{ trigger.body.wait }}',
        tags: '{{ trigger.body.tags }}',
      }),
    ).toEqual([]);
    expect(messages({ url: 'x', delayMs: 'soon' })).toEqual([
      'delayMs: must be a number or a {{ }} expression',
    ]);
    expect(messages({ url: 'x', retries: '{{ 3 }}' })).toEqual(['retries: must be a whole number']);
  });

  it('enforces requireOneOf', () => {
    const schema = propsToZod(
      { a: { type: 'text', label: 'A' }, b: { type: 'text', label: 'B' } },
      { requireOneOf: ['a', 'b'] },
    );
    expect(schema.safeParse({ b: 'x' }).success).toBe(true);
    expect(schema.safeParse({ a: '' }).error?.issues[0].message).toBe('needs one of "a" or "b"');
  });
});

describe(isPropVisible.name, () => {
  it('evaluates show and hide, matching any value of a list', () => {
    const prop = {
      type: 'text',
      label: 'x',
      displayOptions: { show: { mode: ['a', 'b'] }, hide: { off: [true] } },
    } as const;
    expect(isPropVisible(prop, { mode: 'a' })).toBe(true);
    expect(isPropVisible(prop, { mode: 'c' })).toBe(false);
    expect(isPropVisible(prop, { mode: ['c', 'b'] })).toBe(true);
    expect(isPropVisible(prop, { mode: 'a', off: true })).toBe(false);
  });
});

describe('webhookTriggerConfigSchema', () => {
  it('fills the webhook trigger defaults', () => {
    const config = webhookTriggerConfigSchema.parse({ dedupe: { header: 'X-GitHub-Delivery' } });
    expect(config).toMatchObject({
      methods: ['POST'],
      auth: { type: 'none' },
      response: { mode: 'accepted', timeoutMs: 10_000 },
      dedupe: { header: 'X-GitHub-Delivery', ttlSeconds: 604_800 },
    });
    expect(config.rateLimit).toBeUndefined();
  });

  it('asks for what the chosen auth needs', () => {
    const paths = (auth: Record<string, unknown>) =>
      webhookTriggerConfigSchema.safeParse({ auth }).error?.issues.map((i) => i.path.join('.')) ??
      [];
    expect(paths({ type: 'github', secret: 's3cret' })).toEqual([]);
    expect(paths({ type: 'github' })).toEqual(['auth.secret']);
    expect(paths({ type: 'header' })).toEqual(['auth.header', 'auth.value']);
    expect(paths({ type: 'basic', username: 'u' })).toEqual(['auth.password']);
    expect(paths({ type: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'md5' })).toEqual([
      'auth.algorithm',
    ]);
    expect(paths({ type: 'discord' })).toEqual(['auth.publicKey']);
    expect(paths({ type: 'paypal' })).toEqual(['auth.webhookId']);
    expect(paths({ type: 'hmac', secret: 's', sentIn: 'body' })).toEqual(['auth.bodyField']);
    expect(paths({ type: 'mailchimp' })).toEqual(['auth.type']);
  });

  it('needs a header or an expression to de-duplicate, and no templates in numbers', () => {
    expect(webhookTriggerConfigSchema.safeParse({ dedupe: { ttlSeconds: 60 } }).success).toBe(
      false,
    );
    expect(webhookTriggerConfigSchema.safeParse({ maxBodyBytes: '{{ 5 }}' }).success).toBe(false);
    expect(webhookTriggerConfigSchema.safeParse({ allowIps: '{{ vars.ips }}' }).success).toBe(
      false,
    );
  });
});

describe(defaultConfig.name, () => {
  it('collects defaults, nested ones included', () => {
    const nested = {
      group: {
        type: 'object',
        label: 'G',
        default: {},
        props: { n: { type: 'number', label: 'N', default: 3 } },
      },
    } satisfies PropsRecord;
    expect(defaultConfig({ ...props, ...nested })).toEqual({ verbose: false, group: { n: 3 } });
  });
});

describe(secretPaths.name, () => {
  it('lists secret fields of the webhook trigger by dotted path', async () => {
    const { triggerWebhookNode } = await import('../integrations/trigger/trigger-webhook.node');
    expect(secretPaths(triggerWebhookNode.props)).toEqual([
      'auth.secret',
      'auth.value',
      'auth.password',
      'auth.previousSecret',
    ]);
  });
});
