import { describe, expect, it } from 'vitest';
import { rate, wilson } from '../../src/core/wilson.js';

function rounded(i: { low: number; high: number } | null): [number, number] | null {
  return i ? [Number(i.low.toFixed(3)), Number(i.high.toFixed(3))] : null;
}

describe('wilson', () => {
  // Reference values: scipy.stats.binomtest(k, n).proportion_ci(method='wilson'), to 3 decimals.
  it.each([
    [3, 7, [0.158, 0.75]],
    [0, 10, [0, 0.278]],
    [2, 10, [0.057, 0.51]],
    [7, 10, [0.397, 0.892]],
    [10, 10, [0.722, 1]],
  ])('%i/%i → %j', (successes, trials, expected) => {
    expect(rounded(wilson(successes, trials))).toEqual(expected);
  });

  it('stays inside 0..1 at the extremes', () => {
    for (const n of [1, 2, 5, 17, 100]) {
      const none = wilson(0, n)!;
      const all = wilson(n, n)!;
      expect(none.low).toBe(0);
      expect(all.high).toBe(1);
      expect(all.low).toBeGreaterThan(0);
      expect(none.high).toBeLessThan(1);
    }
  });

  it('is narrower at a lower confidence level (smaller z)', () => {
    const z95 = wilson(3, 7)!;
    const z80 = wilson(3, 7, 1.2816)!;
    expect(z80.high - z80.low).toBeLessThan(z95.high - z95.low);
  });

  it('has no interval without trials', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it('refuses counts that cannot be', () => {
    expect(() => wilson(8, 7)).toThrow(RangeError);
    expect(() => wilson(-1, 7)).toThrow(RangeError);
    expect(() => wilson(1.5, 7)).toThrow(RangeError);
  });
});

describe('rate', () => {
  it('keeps the counts next to the value', () => {
    expect(rate(3, 7)).toEqual({ count: 3, of: 7, value: 3 / 7, text: '3/7' });
  });

  it('has no value without trials', () => {
    expect(rate(0, 0)).toEqual({ count: 0, of: 0, value: null, text: '0/0' });
  });
});
