import type { ExpressionContext } from './expression-context';
import { resolveConfig, type ExpressionCache } from './resolve-config';

const context = {
  trigger: {
    method: 'POST',
    path: '/',
    headers: {},
    query: {},
    body: { id: 7, tags: ['a', 'b'] },
    rawBody: '',
  },
  steps: {},
  execution: { id: 'exe_1', attempt: 2 },
  flow: { id: 'f', name: 'F' },
  vars: {},
} satisfies ExpressionContext;

describe(resolveConfig.name, () => {
  it('evaluates templates anywhere in the config and leaves other values alone', async () => {
    const config = {
      url: 'https://x.test/orders/{{ trigger.body.id }}',
      retries: 3,
      headers: { 'Idempotency-Key': '{{ execution.id }}:n2' },
      body: { tags: '{{ trigger.body.tags }}', list: ['{{ execution.attempt }}', null] },
    };
    expect(await resolveConfig(config, new Map(), context)).toEqual({
      url: 'https://x.test/orders/7',
      retries: 3,
      headers: { 'Idempotency-Key': 'exe_1:n2' },
      body: { tags: ['a', 'b'], list: [2, null] },
    });
  });

  it('compiles each template once per cache', async () => {
    const cache: ExpressionCache = new Map();
    await resolveConfig({ a: '{{ trigger.body.id }}', b: '{{ trigger.body.id }}' }, cache, context);
    const compiled = cache.get('{{ trigger.body.id }}');
    await resolveConfig({ c: '{{ trigger.body.id }}' }, cache, context);
    expect(cache.size).toBe(1);
    expect(cache.get('{{ trigger.body.id }}')).toBe(compiled);
  });
});
