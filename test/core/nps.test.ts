import { describe, expect, it } from 'vitest';
import { npsClass, npsSummary, parseNpsScore } from '../../src/core/nps.js';
import { UsageError } from '../../src/errors.js';

describe('npsClass', () => {
  it('splits 0–6, 7–8 and 9–10', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsClass)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it.each([-1, 11, 7.5, Number.NaN])('refuses %s with a usage error naming it', (score) => {
    expect(() => npsClass(score)).toThrow(UsageError);
    expect(() => npsClass(score)).toThrow(`NPS score must be a whole number from 0 to 10, got ${score}`);
  });
});

describe('parseNpsScore', () => {
  it('reads whole numbers 0..10, ignoring surrounding spaces', () => {
    expect(parseNpsScore('0')).toBe(0);
    expect(parseNpsScore('10')).toBe(10);
    expect(parseNpsScore(' 9 ')).toBe(9);
  });

  it.each(['abc', '11', '-1', '7.5', '', '1e1', '0x9', '+9', '100'])('refuses %j', (text) => {
    expect(() => parseNpsScore(text)).toThrow(UsageError);
    expect(() => parseNpsScore(text)).toThrow(`NPS score must be a whole number from 0 to 10, got ${JSON.stringify(text)}`);
  });
});

describe('npsSummary', () => {
  it('10,10,9,9,9,8,7,6,3,0 → 50 % promoters − 30 % detractors = +20', () => {
    expect(npsSummary([10, 10, 9, 9, 9, 8, 7, 6, 3, 0])).toEqual({
      score: 20,
      promoters: 5,
      passives: 2,
      detractors: 3,
      responses: 10,
    });
  });

  it('has no score without answers', () => {
    expect(npsSummary([])).toEqual({ score: null, promoters: 0, passives: 0, detractors: 0, responses: 0 });
  });

  it('spans −100..+100', () => {
    expect(npsSummary([0, 3, 6]).score).toBe(-100);
    expect(npsSummary([9, 10]).score).toBe(100);
  });

  it('rounds a half the same way whatever its sign (12.5 → 13, −12.5 → −13)', () => {
    expect(npsSummary([10, 7, 7, 7, 7, 7, 7, 7]).score).toBe(13);
    expect(npsSummary([10, 0, 0, 7, 7, 7, 7, 7]).score).toBe(-13);
  });

  it('refuses an impossible answer', () => {
    expect(() => npsSummary([9, 12])).toThrow(UsageError);
  });
});
