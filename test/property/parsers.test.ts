// Hostile input to the parsers of flag values and dates: whatever the text, a value in range or
// a user error (exit 2), never another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseListFlag } from '../../src/core/fit.js';
import { parseNpsScore } from '../../src/core/nps.js';
import { parseDateArg, parseWhen } from '../../src/core/when.js';
import { intInRange, nonNegativeInt, nonNegativeNumber } from '../../src/register/util.js';
import { anyText, resultOrUserError } from './support.js';

const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

/** Things that look like dates and times, valid or not: "in 3 days", "2026-13-45T25:61", "friday 14:30". */
const dateLike = fc.oneof(
  anyText,
  fc.tuple(fc.integer({ min: -5, max: 10_000 }), fc.constantFrom('minutes', 'hours', 'days', 'weeks', 'months', 'years', 'dagen')).map(([n, u]) => `in ${n} ${u}`),
  fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 40 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 99 })).map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
  fc.tuple(fc.constantFrom('', 'next ', 'last ', 'this '), fc.constantFrom('monday', 'friday', 'week', 'month', 'tuesday'), fc.constantFrom('', ' 10:00', ' 25:00', ' 9am', ' noon')).map((p) => p.join('')),
  fc.constantFrom('tomorrow', 'today', 'yesterday', 'now', '3 days ago', '2026-12-01T10:00', '2026-12-01T10:00:00+05:00', '2026-02-30', 'tomorrow tomorrow', '1e9', '−1'),
);

describe('flag parsers never throw anything but a usage error', () => {
  it('intInRange gives a whole number within the bounds, or InvalidArgumentError', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.nat(1e6), anyText, (min, span, text) => {
        const n = resultOrUserError(() => intInRange(min, min + span)(text));
        if (n !== undefined) {
          expect(Number.isSafeInteger(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(min);
          expect(n).toBeLessThanOrEqual(min + span);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (k) => {
        expect(intInRange(1, 5)(String(k))).toBe(k);
      }),
    );
  });

  it('nonNegativeInt and nonNegativeNumber give a finite number of 0 or more, or InvalidArgumentError', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const x = resultOrUserError(() => nonNegativeNumber(text));
        if (x !== undefined) expect(Number.isFinite(x) && x >= 0).toBe(true);
        const n = resultOrUserError(() => nonNegativeInt(text));
        if (n !== undefined) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e12, noNaN: true }), (x) => {
        expect(nonNegativeNumber(String(x))).toBe(x);
      }),
    );
  });

  it('parseNpsScore gives 0..10, or a UsageError naming the value', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const score = resultOrUserError(() => parseNpsScore(text));
        if (score !== undefined) expect(Number.isInteger(score) && score >= 0 && score <= 10).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), (k) => {
        expect(parseNpsScore(` ${k} `)).toBe(k);
      }),
    );
  });

  it('parseListFlag gives trimmed, non-empty items without repeats (any case), each from the input', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.array(anyText, { maxLength: 8 }).map((a) => a.join(','))), (text) => {
        const items = parseListFlag(text);
        const keys = items.map((i) => i.toLowerCase());
        expect(new Set(keys).size).toBe(items.length);
        for (const item of items) {
          expect(item).toBe(item.trim());
          expect(item).not.toBe('');
          expect(item).not.toContain(',');
          expect(text).toContain(item);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('date parsers never throw anything but a usage error', () => {
  it('parseWhen gives a valid moment, or a UsageError', () => {
    fc.assert(
      fc.property(dateLike, instant, (text, now) => {
        const d = resultOrUserError(() => parseWhen(text, now));
        if (d !== undefined) expect(Number.isNaN(d.getTime())).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('parseDateArg gives a valid moment (the end of the day when asked), or a UsageError', () => {
    fc.assert(
      fc.property(dateLike, instant, fc.boolean(), (text, now, endOfDay) => {
        const d = resultOrUserError(() => parseDateArg(text, now, { flag: '--date', endOfDay }));
        if (d !== undefined) expect(Number.isNaN(d.getTime())).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });
});
