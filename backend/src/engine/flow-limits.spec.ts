import { evaluateInProcess } from '@hookflow/shared';
import { aContext, aNode } from '../test-support/engine-test-factories.js';
import { evaluateOrderingKey, flowLimitsOf } from './flow-limits.js';

const flow = { id: 'f1', name: 'Orders' };
const trigger = (body: unknown) => ({ ...aContext().trigger, body });
const evaluate = evaluateInProcess();

describe(evaluateOrderingKey.name, () => {
  it('evaluates the expression against the trigger request, as text', async () => {
    const sut = (body: unknown) =>
      evaluateOrderingKey('{{ trigger.body.customer.id }}', trigger(body), flow, evaluate);
    expect(await sut({ customer: { id: 'cus_1' } })).toBe('cus_1');
    expect(await sut({ customer: { id: 42 } })).toBe('42');
    expect(
      await evaluateOrderingKey(
        '{{ flow.id }}:{{ trigger.body.a }}',
        trigger({ a: 1 }),
        flow,
        evaluate,
      ),
    ).toBe('f1:1');
  });

  it('gives no key when the expression fails or yields nothing', async () => {
    const sut = (expression: string | undefined, body: unknown = {}) =>
      evaluateOrderingKey(expression, trigger(body), flow, evaluate);
    expect(await sut(undefined)).toBeNull();
    expect(await sut('{{ trigger.body.customer.id }}')).toBeNull();
    expect(await sut('{{ trigger.body.name }}', { name: '  ' })).toBeNull();
    expect(await sut('{{ $error("boom") }}')).toBeNull();
    expect(await sut('{{ trigger.body.( }}')).toBeNull();
  });

  it('keeps long keys short and distinct by hashing them', async () => {
    const sut = (id: string) =>
      evaluateOrderingKey('{{ trigger.body.id }}', trigger({ id }), flow, evaluate);
    const a = await sut('a'.repeat(500));
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await sut('a'.repeat(500))).toBe(a);
    expect(await sut('b'.repeat(500))).not.toBe(a);
  });
});

describe(flowLimitsOf.name, () => {
  it('reads positive whole concurrency and a non-blank ordering key, ignoring anything else', () => {
    expect(
      flowLimitsOf(
        aNode('t', { config: { concurrency: 2, orderingKey: '{{ trigger.body.id }}' } }),
      ),
    ).toEqual({ concurrency: 2, orderingKey: '{{ trigger.body.id }}' });
    expect(flowLimitsOf(aNode('t', { config: { concurrency: 0, orderingKey: ' ' } }))).toEqual({});
    expect(flowLimitsOf(aNode('t', { config: { concurrency: '3' } }))).toEqual({});
    expect(flowLimitsOf(aNode('t'))).toEqual({});
  });
});
