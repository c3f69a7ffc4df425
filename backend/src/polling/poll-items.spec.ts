import { ExpressionPool } from '../expressions/expression-pool.js';
import {
  itemsAt as itemsAtWith,
  keyedItems,
  keyOf as keyOfWith,
  PollItemsError,
} from './poll-items.js';

// The app's evaluator: plain paths here, JSONata in a worker thread.
const pool = new ExpressionPool({ workers: 1, timeoutMs: 1000, memoryMb: 64 });
afterAll(() => pool.close());
const itemsAt = (body: unknown, path: string | undefined) => itemsAtWith(body, path, pool.evaluate);
const keyOf = (item: unknown, path: string) => keyOfWith(item, path, pool.evaluate);

const orders = [
  { id: 3, updated_at: '2025-01-03' },
  { id: 2, updated_at: '2025-01-02' },
  { id: 1, updated_at: '2025-01-01' },
];

describe('poll items', () => {
  it('finds the list at a dotted path, or takes the body when the path is empty', async () => {
    expect(await itemsAt({ data: { orders } }, 'data.orders')).toBe(orders);
    expect(await itemsAt(orders, '')).toBe(orders);
    expect(await itemsAt(orders, undefined)).toBe(orders);
  });

  it('evaluates a {{ }} itemsPath with JSONata over the body', async () => {
    const body = { data: { orders } };
    expect(await itemsAt(body, '{{ data.orders[id > 1] }}')).toEqual(orders.slice(0, 2));
    // JSONata gives nothing for no match: an empty list, not an error.
    expect(await itemsAt(body, '{{ data.orders[id > 9] }}')).toEqual([]);
  });

  it('refuses an answer whose itemsPath is not a list, saying what it is', async () => {
    await expect(itemsAt({ data: {} }, 'data.orders')).rejects.toThrow(
      new PollItemsError('itemsPath "data.orders" is nothing, not a list'),
    );
    await expect(itemsAt({ ok: true }, '')).rejects.toThrow(
      'The response body is an object, not a list',
    );
    await expect(itemsAt({ data: { orders } }, '{{ data.orders[id = 1] }}')).rejects.toThrow(
      /is an object, not a list \(a single match needs \[\]/,
    );
    await expect(itemsAt({ n: 1 }, '{{ $sum( }}')).rejects.toThrow(/^itemsPath: /);
  });

  it('keys items by a path or an expression over the item', async () => {
    expect(await keyOf({ id: 7 }, 'id')).toBe('7');
    expect(await keyOf({ meta: { uid: 'a' } }, 'meta.uid')).toBe('a');
    expect(await keyOf(orders[0], '{{ updated_at & "/" & id }}')).toBe('2025-01-03/3');
    expect(await keyOf({ name: 'x' }, 'id')).toBe('');
    expect(await keyOf({ id: 'k'.repeat(500) }, 'id')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('fails the poll, not the process, on an expression that runs too long', async () => {
    // One built-in call that runs for seconds: the worker thread is stopped at the time limit.
    const slow = "{{ $replace($replace($pad('', 500000, 'a'), /a/, 'bb'), /b/, 'cc') }}";
    await expect(keyOf({ id: 1 }, slow)).rejects.toThrow(PollItemsError);
    await expect(keyOf({ id: 1 }, slow)).rejects.toThrow(/^idPath: /);
    // The pool goes on evaluating.
    expect(await keyOf({ id: 2 }, '{{ id * 2 }}')).toBe('4');
  });

  it('returns items oldest first: reversed when the API lists newest first', async () => {
    const newestFirst = await keyedItems(
      orders,
      { idPath: 'id', listOrder: 'newestFirst' },
      pool.evaluate,
    );
    expect(newestFirst.items.map((item) => item.key)).toEqual(['1', '2', '3']);
    const oldestFirst = await keyedItems(
      [...orders].reverse(),
      { idPath: 'id', listOrder: 'oldestFirst' },
      pool.evaluate,
    );
    expect(oldestFirst.items.map((item) => item.key)).toEqual(['1', '2', '3']);
    expect(oldestFirst.items[0].item).toEqual(orders[2]);
  });

  it('counts items without an id and keeps one of each key', async () => {
    const found = await keyedItems(
      [{ id: 1 }, { id: 1, again: true }, { name: 'no id' }],
      { idPath: 'id', listOrder: 'oldestFirst' },
      pool.evaluate,
    );
    expect(found).toEqual({ items: [{ key: '1', item: { id: 1 } }], found: 3, withoutId: 1 });
  });
});
