import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../src/core/benchmarks.js';

describe('BENCHMARKS', () => {
  const value = (key: string) => BENCHMARKS.find((b) => b.key === key)?.value;

  it('holds the playbook figures', () => {
    expect({
      referralConversion: value('referralConversion'),
      referAFriendRatio: value('referAFriendRatio'),
      willingWhenAsked: value('willingWhenAsked'),
      willingWhenAskedBain: value('willingWhenAskedBain'),
      repsWhoAsk: value('repsWhoAsk'),
      ambassadorEffect: value('ambassadorEffect'),
      satisfiedWhoRecommend: value('satisfiedWhoRecommend'),
      naturalPromoters: value('naturalPromoters'),
      npsThreshold: value('npsThreshold'),
    }).toEqual({
      referralConversion: 0.02,
      referAFriendRatio: 0.023,
      willingWhenAsked: 0.91,
      willingWhenAskedBain: 0.87,
      repsWhoAsk: 0.11,
      ambassadorEffect: 0.25,
      satisfiedWhoRecommend: 0.29,
      naturalPromoters: 0.05,
      npsThreshold: 50,
    });
  });

  it('credits Bain & Co for its own figure', () => {
    expect(BENCHMARKS.find((b) => b.key === 'willingWhenAskedBain')?.source).toMatch(/^Bain & Co/);
  });

  it('has unique keys and values that fit their unit', () => {
    expect(new Set(BENCHMARKS.map((b) => b.key)).size).toBe(BENCHMARKS.length);
    for (const b of BENCHMARKS) {
      if (b.unit === 'share' || b.unit === 'uplift') {
        expect(b.value, b.key).toBeGreaterThan(0);
        expect(b.value, b.key).toBeLessThanOrEqual(1);
      }
      if (b.unit === 'nps') expect(Math.abs(b.value), b.key).toBeLessThanOrEqual(100);
    }
  });
});
