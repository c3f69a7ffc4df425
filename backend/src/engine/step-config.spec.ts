import {
  discordMessageNode,
  flowDelayNode,
  httpRequestNode,
  triggerWebhookNode,
  webhookSendNode,
  evaluateInProcess,
  type TemplateEvaluator,
} from '@hookflow/shared';
import { aContext, aNode } from '../test-support/engine-test-factories.js';
import { credentialIdOf, redactSecrets, resolveStepConfig } from './step-config.js';
import { StepFailure } from './step-failure.js';

const context = aContext();
const resolve = (config: Record<string, unknown>, evaluate = evaluateInProcess()) =>
  resolveStepConfig(
    aNode('n3', { name: 'Fetch order', config }),
    httpRequestNode,
    evaluate,
    context,
  );

describe(resolveStepConfig.name, () => {
  it('resolves templates, keeps whole-value types and fills defaults', async () => {
    const sut = await resolve({
      method: 'POST',
      url: 'https://api.test/orders/{{ trigger.body.id }}',
      headers: { 'X-Attempt': '{{ execution.attempt }}' },
      body: { tags: '{{ trigger.body.tags }}', big: '{{ trigger.body.amount > 100 }}' },
    });

    expect(sut).toEqual({
      method: 'POST',
      url: 'https://api.test/orders/7',
      headers: { 'X-Attempt': '1' },
      body: { tags: ['a', 'b'], big: true },
      timeoutMs: 30_000,
    });
  });

  it('gives number fields that take expressions a number', async () => {
    const delay = (ms: string) =>
      resolveStepConfig(
        aNode('d', { config: { ms } }),
        flowDelayNode,
        evaluateInProcess(),
        context,
      );

    expect(await delay('{{ trigger.body.amount * 100 }}')).toEqual({ ms: 12_000 });
    expect(await delay('{{ $string(trigger.body.id) }}')).toEqual({ ms: 7 });
    await expect(delay('{{ trigger.body.tags }}')).rejects.toMatchObject({
      code: 'CONFIG',
      message: 'Step "d": field "ms" must be a whole number',
    });
  });

  it('turns whole-value results into text for text fields', async () => {
    expect(await resolve({ url: '{{ trigger.body.id }}' })).toMatchObject({ url: '7' });
  });

  it('fills declared defaults', async () => {
    expect(await resolve({ url: 'https://api.test' })).toEqual({
      method: 'GET',
      url: 'https://api.test',
      timeoutMs: 30_000,
    });
  });

  it('names the field whose expression fails', async () => {
    const failure = await resolve({ url: 'https://x/{{ trigger.body.toString() }}' }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(StepFailure);
    expect(failure).toMatchObject({ code: 'EXPRESSION', retryable: false });
    expect((failure as StepFailure).message).toMatch(/^Step "Fetch order", field "url": /);
  });

  it('names the field whose resolved value is invalid', async () => {
    const node = aNode('d', { name: 'Wait', config: { ms: '{{ 0 - trigger.body.id }}' } });
    const failure = await resolveStepConfig(
      node,
      flowDelayNode,
      evaluateInProcess(),
      context,
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(StepFailure);
    expect(failure).toMatchObject({
      code: 'CONFIG',
      retryable: false,
      message: 'Step "Wait": field "ms" must be at least 0',
    });
  });

  it('reports a missing required field', async () => {
    await expect(resolve({ url: '{{ trigger.body.missing }}' })).rejects.toMatchObject({
      code: 'CONFIG',
      message: 'Step "Fetch order": field "url" is required',
    });
  });

  it('leaves fields that take no expressions alone', async () => {
    const node = aNode('n4', {
      config: {
        url: 'https://partner.test',
        secret: 'whsec_{{not-a-template}}',
        eventType: 'order.paid',
        payload: { id: '{{ trigger.body.id }}' },
      },
    });

    const sut = await resolveStepConfig(node, webhookSendNode, evaluateInProcess(), context);

    expect(sut).toMatchObject({ secret: 'whsec_{{not-a-template}}', payload: { id: 7 } });
  });

  it('evaluates all templates of the step in one call', async () => {
    const calls: string[][] = [];
    const counting: TemplateEvaluator = (templates, ctx) => {
      calls.push([...templates]);
      return evaluateInProcess()(templates, ctx);
    };
    await resolve(
      {
        url: 'https://x/{{ trigger.body.id }}',
        headers: { A: '{{ execution.id }}', B: 'https://x/{{ trigger.body.id }}' },
      },
      counting,
    );

    expect(calls).toEqual([['https://x/{{ trigger.body.id }}', '{{ execution.id }}']]);
  });

  it('names the field whose template failed among several', async () => {
    const failure = await resolve({
      url: 'https://x/{{ trigger.body.id }}',
      headers: { 'X-Total': '{{ $sum("no numbers") }}' },
    }).catch((error: unknown) => error);

    expect((failure as StepFailure).message).toMatch(/^Step "Fetch order", field "headers": /);
  });
});

describe(redactSecrets.name, () => {
  it('masks set secret fields, nested ones too, without touching the original', () => {
    const config = { auth: { type: 'hmac', secret: 's3cret', header: 'X-Sig' }, methods: ['POST'] };

    const sut = redactSecrets(config, triggerWebhookNode);

    expect(sut).toEqual({
      auth: { type: 'hmac', secret: '••••••', header: 'X-Sig' },
      methods: ['POST'],
    });
    expect(config.auth.secret).toBe('s3cret');
  });

  it('leaves unset secrets unset', () => {
    const config = { credentialId: 'cred_1', content: 'hi', webhookUrl: '' };

    expect(redactSecrets(config, discordMessageNode)).toEqual(config);
  });
});

describe(credentialIdOf.name, () => {
  it("reads the description's credential prop", () => {
    expect(credentialIdOf({ credentialId: 'cred_1', url: 'x' }, httpRequestNode)).toBe('cred_1');
    expect(credentialIdOf({ url: 'x' }, httpRequestNode)).toBeUndefined();
    expect(credentialIdOf({ credentialId: 'cred_1' }, triggerWebhookNode)).toBeUndefined();
  });
});
