import jsonata from 'jsonata';
import { compileTemplate, findExpressionErrors } from './compile-template';
import type { ExpressionContext } from './expression-context';
import { ExpressionError } from './expression-error';
import { expressionLimits, type ExpressionLimits } from './expression-limits';
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
const toJson = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

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
      /took longer than 1000 ms|deeper than 500 levels/,
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

describe('expression results', () => {
  const order = {
    items: [
      { id: 1, price: 2 },
      { id: 2, price: 3 },
    ],
    s: 'x',
  };
  const withBody = (body: unknown): ExpressionContext => ({
    ...context,
    trigger: { ...context.trigger, body },
  });
  const evaluate = (template: string, body: unknown = order) =>
    compileTemplate(template)(withBody(body));
  // A result that survives structuredClone unchanged is plain data, as stored and sent on.
  const expectPlain = (value: unknown) => expect(structuredClone(value)).toEqual(value);

  it('maps a path over arrays into a plain array', async () => {
    const ids = await evaluate('{{ trigger.body.items.id }}');
    expect(ids).toEqual([1, 2]);
    expect(Object.keys(ids as object)).toEqual(['0', '1']);
    expectPlain(ids);
  });

  it('gives plain arrays from $map, $filter and predicates', async () => {
    const results = [
      await evaluate('{{ $map(trigger.body.items, function($i) { $i.price * 2 }) }}'),
      await evaluate('{{ $filter(trigger.body.items, function($i) { $i.price > 1 }).id }}'),
      await evaluate('{{ trigger.body.items[price > 2].id }}'),
      await evaluate('{{ trigger.body.items[price > 0] }}'),
      await evaluate('{{ [1..3] }}'),
    ];
    expect(results).toEqual([[4, 6], [1, 2], 2, order.items, [1, 2, 3]]);
    results.forEach(expectPlain);
  });

  it('writes mapped arrays into text as JSON', async () => {
    expect(await evaluate('ids: {{ trigger.body.items.id }}')).toBe('ids: [1,2]');
  });

  it('refuses a result that is or holds a function, naming the expression', async () => {
    for (const source of [
      ' $uppercase ',
      ' function($x) { $x } ',
      ' {"total": $sum} ',
      ' [1, /a+/] ',
    ]) {
      const error = await evaluate(`{{${source}}}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as Error).message).toBe(
        `The result contains a function; call it, or pick values, to get data out of it in {{${source}}}`,
      );
    }
  });

  it('reads plain paths exactly as JSONata does', async () => {
    const values = [null, 0, 'text', true, [], [1], [[1, 2], [3]], {}, { c: [1] }, [{ c: 1 }]];
    for (const value of values) {
      for (const source of ['a', 'a.b', 'a.b.c', 'a . b']) {
        const body = { a: { b: value } };
        const expected = await jsonata(`trigger.body.${source}`).evaluate(withBody(body));
        const actual = await evaluate(`{{ trigger.body.${source} }}`, body);
        expect([source, value, actual]).toEqual([source, value, toJson(expected)]);
      }
    }
  });
});

describe('expression bounds', () => {
  const run = (template: string, limits: Partial<ExpressionLimits> = {}) =>
    compileTemplate(template, { ...expressionLimits, ...limits })(context);

  it('refuses to $pad past the string limit, and pads as JSONata does below it', async () => {
    await expect(run("{{ $pad('', 100000000) }}")).rejects.toThrow(
      "$pad would build 100,000,000 characters; the limit is 1,000,000 in {{ $pad('', 100000000) }}",
    );
    expect(
      await run("{{ [$pad('x', 4), $pad('x', -4, '#'), $pad('x', 6, 'ab'), $pad('xyz', 2)] }}"),
    ).toEqual(['x   ', '###x', 'xababa', 'xyz']);
  });

  it('refuses to $join past the string limit', async () => {
    await expect(
      run("{{ $join([1..20].$pad('', 100), '-') }}", { maxStringLength: 1000 }),
    ).rejects.toThrow(/^\$join would build 2,019 characters; the limit is 1,000/);
    expect(await run("{{ $join(['a', 'b'], ', ') }}")).toBe('a, b');
  });

  it('refuses ranges and sequences over the sequence limit', async () => {
    await expect(run('{{ [1..200000] }}')).rejects.toThrow(
      /^A sequence or range would hold more than 100,000 items/,
    );
  });

  it('refuses results over the size limit, as JSON or as text', async () => {
    await expect(run("{{ [1..100].$pad('', 20) }}", { maxResultLength: 1000 })).rejects.toThrow(
      /^The result is longer than 1,000 characters as JSON/,
    );
    await expect(
      run("{{ $pad('', 600) }}{{ $pad('', 600) }}", { maxResultLength: 1000 }),
    ).rejects.toThrow('The text is longer than 1,000 characters');
  });

  it('refuses results nested too deep', async () => {
    await expect(run('{{ {"a": {"b": {"c": 1}}} }}', { maxResultDepth: 2 })).rejects.toThrow(
      /^The result is nested deeper than 2 levels/,
    );
  });
});

describe('regular expressions', () => {
  const text = (s: string): ExpressionContext => ({
    ...context,
    trigger: { ...context.trigger, body: { s } },
  });
  const run = (template: string, s: string) => compileTemplate(template)(text(s));

  it('run in linear time: a pattern that backtracks for ever natively returns at once', async () => {
    // Natively, /(a+)+$/ on 28 "a"s and a "b" backtracks for over 10 s; this input never ends.
    const s = 'a'.repeat(5000) + 'b';
    expect(await run('{{ $match(trigger.body.s, /(a+)+$/) }}', s)).toBeUndefined();
    expect(await run('{{ $match(trigger.body.s, /(a+)+b$/).index }}', s)).toBe(0);
    expect(await run('{{ $contains(trigger.body.s, /(a+)+$/) }}', s)).toBe(false);
  });

  it('match, replace, split and test as JSONata documents', async () => {
    expect(await run('{{ $match(trigger.body.s, /(\\d+)-(x)?/) }}', 'ab 12- 34-x')).toEqual([
      { match: '12-', index: 3, groups: ['12', null] },
      { match: '34-x', index: 7, groups: ['34', 'x'] },
    ]);
    expect(await run('{{ $replace(trigger.body.s, /(o+)/i, "[$1]") }}', 'fOo bar boo')).toBe(
      'f[Oo] bar b[oo]',
    );
    expect(await run('{{ trigger.body.s ~> $split(/\\s*,\\s*/) }}', 'a , b,c')).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(await run('{{ $contains(trigger.body.s, /^b/m) }}', 'a\nb')).toBe(true);
    expect(await run('{{ $match(trigger.body.s, /b+/).index }}', '😀😀bb')).toBe(4);
  });

  it('reports a regex the linear engine cannot run, at compile time', () => {
    const errors = findExpressionErrors('{{ $match(trigger.body.s, /(a)\\1/) }}');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(
      /^Regular expression \/\(a\)\\1\/ is not supported \(invalid escape sequence: `\\1`\); expressions use a linear-time regex engine/,
    );
    expect(findExpressionErrors('{{ $replace(trigger.body.s, /a(?=b)/, "") }}')).toHaveLength(1);
  });
});
