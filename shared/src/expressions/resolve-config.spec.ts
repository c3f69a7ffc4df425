import type { ExpressionContext } from './expression-context';
import { ExpressionError } from './expression-error';
import {
  evaluateInProcess,
  resolveConfig,
  type ExpressionCache,
  type TemplateEvaluator,
} from './resolve-config';

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
    expect(await resolveConfig(config, evaluateInProcess(), context)).toEqual({
      url: 'https://x.test/orders/7',
      retries: 3,
      headers: { 'Idempotency-Key': 'exe_1:n2' },
      body: { tags: ['a', 'b'], list: [2, null] },
    });
  });

  it('evaluates all templates of a config in one call, each once', async () => {
    const calls: string[][] = [];
    const inProcess = evaluateInProcess();
    const counting: TemplateEvaluator = (templates, ctx) => {
      calls.push([...templates]);
      return inProcess(templates, ctx);
    };
    const config = { a: '{{ trigger.body.id }}', b: ['{{ trigger.body.id }}', '{{ flow.id }}'] };

    expect(await resolveConfig(config, counting, context)).toEqual({ a: 7, b: [7, 'f'] });
    expect(calls).toEqual([['{{ trigger.body.id }}', '{{ flow.id }}']]);
    await resolveConfig({ plain: 1 }, counting, context);
    expect(calls).toHaveLength(1);
  });

  it('names the template that failed', async () => {
    const error = await resolveConfig(
      { ok: '{{ flow.id }}', bad: 'x {{ $error("boom") }}' },
      evaluateInProcess(),
      context,
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({ template: 'x {{ $error("boom") }}' });
  });
});

describe(evaluateInProcess.name, () => {
  it('compiles each template once per cache', async () => {
    const cache: ExpressionCache = new Map();
    const sut = evaluateInProcess(cache);
    await sut(['{{ $string(trigger.body.id) }}'], context);
    const compiled = cache.get('{{ $string(trigger.body.id) }}');
    await sut(['{{ $string(trigger.body.id) }}'], context);
    expect(cache.size).toBe(1);
    expect(cache.get('{{ $string(trigger.body.id) }}')).toBe(compiled);
  });
});
