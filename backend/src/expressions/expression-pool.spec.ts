import { ExpressionError, type ExpressionContext } from '@hookflow/shared';
import { aContext } from '../test-support/engine-test-factories.js';
import { ExpressionPool } from './expression-pool.js';

const context = (body: unknown): ExpressionContext => ({
  ...aContext(),
  trigger: { ...aContext().trigger, body },
});
const order = context({ id: 7, items: [{ id: 1 }, { id: 2 }] });
// Built-in calls that run for seconds (≈ 6 s on a quiet 2-core machine): JSONata's own timeout
// cannot stop them.
const SLOW = "{{ $replace($replace($pad('', 500000, 'a'), /a/, 'bb'), /b/, 'cc') }}";
// Each step allocates a 100,000-item range: gigabytes within JSONata's time limit.
const MEMORY_BOMB = '{{ $map([1..100000], function($i) { [1..100000] }) }}';

describe(ExpressionPool.name, () => {
  let sut: ExpressionPool;

  beforeEach(() => {
    sut = new ExpressionPool({ workers: 1, timeoutMs: 300, memoryMb: 48 });
  });
  afterEach(() => sut.close());

  it('reads plain paths on this thread, without starting a worker', async () => {
    expect(
      await sut.evaluate(['{{ trigger.body.id }}', 'order {{ trigger.body.id }}'], order),
    ).toEqual([7, 'order 7']);
    expect(sut.size).toBe(0);
  });

  it('evaluates everything else in a worker thread, as plain JSON, in one call', async () => {
    const values = await sut.evaluate(
      [
        '{{ trigger.body.items.id }}',
        '{{ $map(trigger.body.items, function($i) { $i.id * 10 }) }}',
        '{{ trigger.body.id }}',
        '{{ trigger.body.items[id = 2] }}',
      ],
      order,
    );

    expect(values).toEqual([[1, 2], [10, 20], 7, { id: 2 }]);
    expect(Object.keys(values[0] as object)).toEqual(['0', '1']);
    expect(sut.size).toBe(1);
  });

  it('rejects with the ExpressionError of the template that failed, naming it', async () => {
    const error = await sut
      .evaluate(['{{ trigger.body.items.id }}', 'x {{ $uppercase }}'], order)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({
      template: 'x {{ $uppercase }}',
      message:
        'The result contains a function; call it, or pick values, to get data out of it in {{ $uppercase }}',
    });
  });

  it('stops a thread that runs over its time, names the template, and carries on', async () => {
    const error = await sut
      .evaluate(['{{ trigger.body.items.id }}', SLOW], order)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({
      template: SLOW,
      message: `Expression took longer than 300 ms in ${SLOW}`,
    });
    expect(await sut.evaluate(['{{ $count(trigger.body.items) }}'], order)).toEqual([2]);
  });

  it('keeps this thread free while a worker is busy', async () => {
    const events: string[] = [];
    const slow = sut.evaluate([SLOW], order).catch(() => events.push('slow settled'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    events.push('timer fired');
    expect(await sut.evaluate(['{{ trigger.body.id }}'], order)).toEqual([7]);
    events.push('plain path read');
    await slow;

    expect(events).toEqual(['timer fired', 'plain path read', 'slow settled']);
  });

  it('stops a thread at its heap limit without growing this process', async () => {
    const roomy = new ExpressionPool({ workers: 1, timeoutMs: 20_000, memoryMb: 48 });
    const before = process.memoryUsage().rss;
    try {
      const error = await roomy.evaluate([MEMORY_BOMB], order).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as Error).message).toBe(
        `Expression needed more than 48 MB of memory in ${MEMORY_BOMB}`,
      );
      // The thread's heap is capped; in-process this expression grew the process by gigabytes.
      expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
      expect(await roomy.evaluate(['{{ $sum(trigger.body.items.id) }}'], order)).toEqual([3]);
    } finally {
      await roomy.close();
    }
  });

  it('refuses a context that cannot be copied to the thread, and keeps the thread', async () => {
    await sut.evaluate(['{{ $count(trigger.body.items) }}'], order);
    const odd = context({ items: [], run: () => 1 });

    await expect(sut.evaluate(['{{ $count(trigger.body.items) }}'], odd)).rejects.toThrow(
      /could not be cloned/,
    );
    expect(await sut.evaluate(['{{ $count(trigger.body.items) }}'], order)).toEqual([2]);
    expect(sut.size).toBe(1);
  });

  it('queues calls beyond its threads and runs them all', async () => {
    const two = new ExpressionPool({ workers: 2, timeoutMs: 5000, memoryMb: 48 });
    try {
      const calls = Array.from({ length: 6 }, (_, i) =>
        two.evaluate([`{{ trigger.body.id + ${i} }}`], order),
      );
      expect(await Promise.all(calls)).toEqual([[7], [8], [9], [10], [11], [12]]);
      expect(two.size).toBe(2);
    } finally {
      await two.close();
    }
  });
});
