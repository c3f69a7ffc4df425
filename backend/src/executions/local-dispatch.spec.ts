import { LocalDispatch } from './local-dispatch.js';

/** An advance that ends only when the test says so, recording the order runs started in. */
function gatedAdvance() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const advance = (id: string) =>
    new Promise<void>((resolve) => {
      started.push(id);
      finishers.set(id, resolve);
    });
  const finish = async (id: string) => {
    finishers.get(id)!();
    // Let the dispatch see the settled promise and start the next run.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, advance, finish };
}

describe(LocalDispatch.name, () => {
  it('starts runs first in, first out, never more than its concurrency at once', async () => {
    const { started, advance, finish } = gatedAdvance();
    const dispatch = new LocalDispatch(2, advance);
    dispatch.add(['a', 'b', 'c']);
    dispatch.add(['d']);
    expect(started).toEqual(['a', 'b']);
    await finish('b');
    expect(started).toEqual(['a', 'b', 'c']);
    await finish('a');
    await finish('c');
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    await finish('d');
    expect([...dispatch.ids()]).toEqual([]);
  });

  it('adds a run once while it waits or runs, and again once it is done', async () => {
    const { started, advance, finish } = gatedAdvance();
    const dispatch = new LocalDispatch(1, advance);
    dispatch.add(['a', 'b']);
    dispatch.add(['a', 'b']);
    expect([...dispatch.ids()]).toEqual(['a', 'b']);
    await finish('a');
    await finish('b');
    expect(started).toEqual(['a', 'b']);
    dispatch.add(['a']);
    expect(started).toEqual(['a', 'b', 'a']);
    await finish('a');
  });

  it('stops taking runs and waits for the running ones, leaving the rest pending', async () => {
    const { started, advance, finish } = gatedAdvance();
    const dispatch = new LocalDispatch(1, advance);
    dispatch.add(['a', 'b']);
    let stopped = false;
    const stopping = dispatch.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    await finish('a');
    await stopping;
    expect(stopped).toBe(true);
    expect(started).toEqual(['a']);
    expect([...dispatch.ids()]).toEqual(['b']);
  });

  it('keeps order across many runs while the backlog is compacted', async () => {
    const order: string[] = [];
    const dispatch = new LocalDispatch(3, async (id) => {
      order.push(id);
    });
    const ids = Array.from({ length: 5000 }, (_, i) => `run-${i}`);
    dispatch.add(ids);
    while (dispatch.ids().size) await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(ids);
  });
});
