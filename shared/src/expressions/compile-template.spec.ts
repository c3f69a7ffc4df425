import { compileTemplate, findExpressionErrors } from './compile-template';
import type { ExpressionContext } from './expression-context';
import { ExpressionError } from './expression-error';
import { isExpression, parseTemplate } from './template';

const context: ExpressionContext = {
  trigger: {
    method: 'POST',
    path: '/hooks/abc',
    headers: { 'x-github-event': 'push' },
    query: {},
    body: { user: { name: 'Ada' }, items: [{ price: 2 }, { price: 3 }], note: null },
    rawBody: '{"user":{"name":"Ada"}}',
  },
  steps: { n2: { status: 201, body: { id: 'ord_1' } } },
  execution: { id: 'exe_1', attempt: 1 },
  flow: { id: 'flow_1', name: 'Orders' },
  vars: {},
};

const run = (template: string) => compileTemplate(template)(context);

describe(parseTemplate.name, () => {
  it('splits text and expressions, with positions', () => {
    expect(parseTemplate('Hi {{ a }}!')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'expression', source: ' a ', start: 5 },
      { kind: 'text', text: '!' },
    ]);
  });

  it('does not end an expression at "}}" inside objects or strings', () => {
    expect(parseTemplate('{{ {"a": {"b": "}}"}} }}')).toEqual([
      { kind: 'expression', source: ' {"a": {"b": "}}"}} ', start: 2 },
    ]);
  });

  it('refuses an unclosed "{{"', () => {
    expect(() => parseTemplate('Hi {{ a')).toThrow(
      new ExpressionError('"{{" is never closed with "}}"', 3),
    );
  });
});

describe(isExpression.name, () => {
  it('is true only for strings holding "{{"', () => {
    expect(isExpression('a {{ b }}')).toBe(true);
    expect(isExpression('plain')).toBe(false);
    expect(isExpression(42)).toBe(false);
  });
});

describe(compileTemplate.name, () => {
  it('reads the trigger request and step outputs', async () => {
    expect(await run('{{ trigger.body.user.name }}')).toBe('Ada');
    expect(await run('{{ steps.n2.status }}')).toBe(201);
    expect(await run('{{ flow.name }} #{{ execution.attempt }}')).toBe('Orders #1');
  });

  it('keeps the type of a whole-value expression', async () => {
    expect(await run('{{ $sum(trigger.body.items.price) }}')).toBe(5);
    expect(await run('  {{ steps.n2.status >= 200 }} ')).toBe(true);
    expect(await run('{{ steps.n2.body }}')).toEqual({ id: 'ord_1' });
  });

  it('stringifies results inside text: objects as JSON, nothing as ""', async () => {
    expect(await run('Order {{ steps.n2.body }} by {{ trigger.body.user.name }}')).toBe(
      'Order {"id":"ord_1"} by Ada',
    );
    expect(await run('[{{ trigger.body.missing }}][{{ trigger.body.note }}]')).toBe('[][]');
    expect(await run('no templates')).toBe('no templates');
  });

  it('cannot reach JavaScript through the context', async () => {
    expect(await run('{{ trigger.constructor }}')).toBeUndefined();
    await expect(run('{{ trigger.body.toString() }}')).rejects.toBeInstanceOf(ExpressionError);
  });

  it('stops runaway evaluation', async () => {
    await expect(run('{{ ($f := function($x) { $f($x) }; $f(1)) }}')).rejects.toThrow(
      /timeout|stack/i,
    );
  }, 10_000);

  it('throws an ExpressionError with the template position on compile errors', () => {
    expect(() => compileTemplate('ab {{ trigger.( }}')).toThrow(ExpressionError);
  });
});

describe(findExpressionErrors.name, () => {
  it('returns nothing for valid templates', () => {
    expect(
      findExpressionErrors(
        'Hi {{ trigger.body.user.name }}, total {{ $sum(trigger.body.items.price) }}',
      ),
    ).toEqual([]);
  });

  it('reports each broken expression with its position in the template', () => {
    const errors = findExpressionErrors('ok {{ a }} bad {{ a + }} empty {{ }}');
    expect(errors).toHaveLength(2);
    expect(errors[0].position).toBeGreaterThanOrEqual(17);
    expect(errors[0].position).toBeLessThan(25);
    expect(errors[1]).toEqual(new ExpressionError('"{{ }}" is empty', 33));
  });
});
