import { dataTransformHandler } from '../data/data-transform.node.js';
import { logicFilterHandler } from './logic-filter.node.js';
import { logicIfHandler } from './logic-if.node.js';
import { aRunInput } from '../../test-support/node-test-input.js';
import { webhookRespondHandler } from '../webhook/webhook-respond.node.js';

const truthy: unknown[] = [true, 'true', 'yes', 'TRUE', 1, -2, 'x', [0, 1], { a: 1 }];
const falsy: unknown[] = [
  false,
  'false',
  ' False ',
  '0',
  '',
  'null',
  'undefined',
  0,
  NaN,
  null,
  [],
  [0, ''],
  {},
];

// Conditions are text props, so the engine may hand over a resolved boolean or its text.
const withCondition = (condition: unknown) => ({
  ...aRunInput(logicIfHandler, { condition: 'x' }),
  config: { condition },
});

describe('logic.if', () => {
  it.each(truthy)('takes the "true" handle for %j', async (condition) => {
    expect(await logicIfHandler.run(withCondition(condition))).toEqual({
      output: { result: true },
      handle: 'true',
    });
  });

  it.each(falsy)('takes the "false" handle for %j', async (condition) => {
    expect(await logicIfHandler.run(withCondition(condition))).toEqual({
      output: { result: false },
      handle: 'false',
    });
  });
});

describe('logic.filter', () => {
  it('continues when the condition holds', async () => {
    expect(await logicFilterHandler.run(withCondition(true))).toEqual({
      output: { passed: true },
      stop: false,
    });
  });

  it('ends the branch when it does not', async () => {
    expect(await logicFilterHandler.run(withCondition('false'))).toEqual({
      output: { passed: false },
      stop: true,
    });
  });
});

describe('data.transform', () => {
  it('outputs the evaluated fields', async () => {
    const input = aRunInput(dataTransformHandler, { fields: { orderId: 'ord_1', note: 'paid' } });

    expect(await dataTransformHandler.run(input)).toEqual({
      output: { orderId: 'ord_1', note: 'paid' },
    });
  });

  it('keeps the types of values expressions produced', async () => {
    const input = aRunInput(dataTransformHandler, { fields: { a: 'x' } });
    input.config = { fields: { amount: 59.9, tags: ['a'] } };

    expect(await dataTransformHandler.run(input)).toEqual({
      output: { amount: 59.9, tags: ['a'] },
    });
  });
});

describe('webhook.respond', () => {
  it('answers the waiting request and outputs the same', async () => {
    const input = aRunInput(webhookRespondHandler, {
      status: 201,
      headers: { 'X-Order': 'ord_1' },
      body: { ok: true },
    });

    const response = { status: 201, headers: { 'X-Order': 'ord_1' }, body: { ok: true } };
    expect(await webhookRespondHandler.run(input)).toEqual({ output: response, respond: response });
  });

  it('defaults to 200 with no headers', async () => {
    const result = await webhookRespondHandler.run(
      aRunInput(webhookRespondHandler, { body: 'done' }),
    );

    expect(result.respond).toEqual({ status: 200, headers: {}, body: 'done' });
  });
});
