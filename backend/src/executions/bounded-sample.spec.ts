import { SAMPLE_TRUNCATED } from '@hookflow/shared';
import { boundSample, type SampleBounds } from './bounded-sample.js';

const bounds: SampleBounds = { maxString: 5, maxItems: 2, maxKeys: 2, maxDepth: 2, maxValues: 8 };

describe(boundSample.name, () => {
  it('leaves small values as they are', () => {
    const value = { a: 'abc', b: [1, 2] };
    expect(boundSample(value, bounds)).toEqual({ value, truncated: false });
  });

  it('cuts long strings, lists, objects and deep nesting, marking each cut', () => {
    expect(boundSample('abcdefgh', bounds)).toEqual({
      value: `abcde${SAMPLE_TRUNCATED}`,
      truncated: true,
    });
    expect(boundSample([1, 2, 3], bounds)).toEqual({ value: [1, 2], truncated: true });
    expect(boundSample({ a: 1, b: 2, c: 3 }, bounds)).toEqual({
      value: { a: 1, b: 2 },
      truncated: true,
    });
    expect(boundSample({ a: { b: { c: 1 } } }, bounds)).toEqual({
      value: { a: { b: SAMPLE_TRUNCATED } },
      truncated: true,
    });
  });

  it('stops at the value budget however wide the value is', () => {
    const wide = { maxString: 100, maxItems: 100, maxKeys: 100, maxDepth: 5, maxValues: 4 };
    expect(boundSample([1, 2, 3, 4, 5], wide)).toEqual({
      value: [1, 2, 3, SAMPLE_TRUNCATED, SAMPLE_TRUNCATED],
      truncated: true,
    });
  });
});
