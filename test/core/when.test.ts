import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { assertNotFuture, defaultFollowUp, formatLocal, toWorkingDay } from '../../src/core/calendar.js';
import { parseDateArg, parseWhen } from '../../src/core/when.js';

// Set before any Date is made: node applies TZ changes at runtime.
process.env.TZ = 'Europe/Amsterdam';

/** A local wall-clock moment in the test's time zone ("2026-10-22T15:00"). */
const local = (text: string) => new Date(text);

describe('parseWhen', () => {
  // Thursday 22 October 2026, 15:00 local (CEST, UTC+2).
  const thursday = local('2026-10-22T15:00');

  it.each([
    ['2026-12-01', '2026-12-01T10:00'],
    ['2026-12-01T10:00', '2026-12-01T10:00'],
    ['2026-12-01 10:00', '2026-12-01T10:00'],
    ['2026-12-01T16:45', '2026-12-01T16:45'],
    ['tomorrow', '2026-10-23T10:00'],
    ['Tomorrow 10:00', '2026-10-23T10:00'],
    ['tomorrow at 9am', '2026-10-23T09:00'],
    ['next tuesday', '2026-10-27T10:00'],
    ['next tuesday 10:00', '2026-10-27T10:00'],
    ['friday 14:30', '2026-10-23T14:30'],
    ['16:00', '2026-10-22T16:00'],
    ['10:00', '2026-10-23T10:00'],
    ['tonight', '2026-10-22T22:00'],
    ['  in 3 weeks ', '2026-11-12T10:00'],
  ])('reads %j as %s local', (text, expected) => {
    expect(parseWhen(text, thursday)).toEqual(local(expected));
  });

  it('keeps an ISO time with Z or an offset as that exact instant', () => {
    expect(parseWhen('2026-12-01T10:00Z', thursday).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(parseWhen('2026-12-01T10:00+05:00', thursday).toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });

  it('reads "in 2 hours" as an exact offset from now', () => {
    expect(parseWhen('in 2 hours', thursday)).toEqual(new Date(thursday.getTime() + 2 * 3_600_000));
  });

  it('reads a time that is exactly now as the next day', () => {
    expect(parseWhen('15:00', thursday)).toEqual(local('2026-10-23T15:00'));
  });

  it('moves a relative day that lands on a weekend to Monday', () => {
    // Thursday + 3 days = Sunday.
    expect(parseWhen('in 3 days', thursday)).toEqual(local('2026-10-26T10:00'));
    expect(parseWhen('in 3 days 14:00', thursday)).toEqual(local('2026-10-26T14:00'));
    // Saturday + 1 week = Saturday.
    expect(parseWhen('next week', local('2026-10-24T11:00'))).toEqual(local('2026-11-02T10:00'));
  });

  it('moves a bare time that falls on Saturday to Monday', () => {
    const fridayAfternoon = local('2026-10-23T15:00');
    expect(parseWhen('10:00', fridayAfternoon)).toEqual(local('2026-10-26T10:00'));
  });

  it('keeps a weekend day the user named', () => {
    expect(parseWhen('saturday', thursday)).toEqual(local('2026-10-24T10:00'));
    expect(parseWhen('2026-10-25', thursday)).toEqual(local('2026-10-25T10:00'));
    expect(parseWhen('tomorrow', local('2026-10-23T09:00'))).toEqual(local('2026-10-24T10:00'));
  });

  it('gives "today" the next quarter hour once the default hour has passed', () => {
    expect(parseWhen('today', local('2026-10-22T15:07'))).toEqual(local('2026-10-22T15:15'));
    expect(parseWhen('today', local('2026-10-22T08:00'))).toEqual(local('2026-10-22T10:00'));
  });

  it('uses the default hour and minute given by the caller', () => {
    expect(parseWhen('tomorrow', thursday, { defaultHour: 9, defaultMinute: 30 })).toEqual(local('2026-10-23T09:30'));
  });

  it.each(['xyz', '', '   ', 'tomorrow 25:00', 'call them tomorrow', '2026-13-45', '2026-02-30'])(
    'refuses %j with a usage error that names it',
    (text) => {
      expect(() => parseWhen(text, thursday)).toThrowError(UsageError);
      expect(() => parseWhen(text, thursday)).toThrowError(
        `cannot read "${text}" as a date or time; try e.g. "tomorrow 10:00", "in 3 days", "next tuesday" or 2026-12-01T10:00`,
      );
    },
  );

  describe('across daylight saving changes', () => {
    it('keeps 10:00 local after the October change (Friday → Monday)', () => {
      const friday = local('2026-10-23T10:00'); // CEST, 08:00Z
      const due = parseWhen('in 3 days', friday);
      expect(formatLocal(due)).toBe('2026-10-26 10:00');
      expect(due.toISOString()).toBe('2026-10-26T09:00:00.000Z'); // CET: not 08:00Z
      expect(parseWhen('in 3 days 14:00', friday).toISOString()).toBe('2026-10-26T13:00:00.000Z');
    });

    it('keeps 10:00 local after the March change (Friday → Monday)', () => {
      const friday = local('2026-03-27T10:00'); // CET, 09:00Z
      const due = parseWhen('in 3 days', friday);
      expect(formatLocal(due)).toBe('2026-03-30 10:00');
      expect(due.toISOString()).toBe('2026-03-30T08:00:00.000Z'); // CEST: not 09:00Z
    });
  });
});

describe('defaultFollowUp', () => {
  it.each([
    ['Monday', '2026-11-23T16:20', '2026-11-26T10:00'],
    ['Tuesday', '2026-11-24T08:00', '2026-11-27T10:00'],
    ['Wednesday (lands Saturday)', '2026-11-25T12:00', '2026-11-30T10:00'],
    ['Thursday (lands Sunday)', '2026-11-26T12:00', '2026-11-30T10:00'],
    ['Friday', '2026-11-27T17:00', '2026-11-30T10:00'],
    ['Saturday', '2026-11-28T11:00', '2026-12-01T10:00'],
    ['Sunday', '2026-11-29T11:00', '2026-12-02T10:00'],
  ])('from %s lands on a working day 3 days on at 10:00', (_day, from, expected) => {
    expect(defaultFollowUp(local(from))).toEqual(local(expected));
  });

  it('keeps 10:00 local across both daylight saving changes', () => {
    expect(defaultFollowUp(local('2026-10-23T10:00')).toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(defaultFollowUp(local('2026-03-27T10:00')).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('is what "in 3 days" means', () => {
    for (let day = 0; day < 7; day++) {
      const from = local(`2026-11-${String(23 + day).padStart(2, '0')}T08:30`);
      expect(parseWhen('in 3 days', from)).toEqual(defaultFollowUp(from));
    }
  });
});

describe('toWorkingDay', () => {
  it('moves Saturday and Sunday to Monday at the same time and keeps weekdays', () => {
    expect(toWorkingDay(local('2026-11-28T14:30'))).toEqual(local('2026-11-30T14:30'));
    expect(toWorkingDay(local('2026-11-29T14:30'))).toEqual(local('2026-11-30T14:30'));
    expect(toWorkingDay(local('2026-11-27T14:30'))).toEqual(local('2026-11-27T14:30'));
  });
});

describe('in another time zone', () => {
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    process.env.TZ = 'Europe/Amsterdam';
  });

  it('uses the local zone of the process, across its own DST change (1 Nov 2026)', () => {
    const saturday = new Date('2026-10-31T12:00'); // EDT, 16:00Z
    expect(parseWhen('tomorrow', saturday).toISOString()).toBe('2026-11-01T15:00:00.000Z'); // 10:00 EST
    expect(defaultFollowUp(saturday).toISOString()).toBe('2026-11-03T15:00:00.000Z');
  });
});

describe('parseDateArg', () => {
  // Wednesday 25 November 2026, 15:00 local.
  const now = local('2026-11-25T15:00');

  it.each([
    ['2026-11-01', '2026-11-01T00:00'],
    ['2026-11-01T14:30', '2026-11-01T14:30'],
    ['2026-11-01 14:30', '2026-11-01T14:30'],
    ['yesterday', '2026-11-24T00:00'],
    ['today', '2026-11-25T00:00'],
    ['3 days ago', '2026-11-22T00:00'],
    ['last friday', '2026-11-20T00:00'],
    ['2 weeks ago', '2026-11-11T00:00'],
  ])('reads %j as %s local', (text, expected) => {
    expect(parseDateArg(text, now)).toEqual(local(expected));
  });

  it('gives the last millisecond of a day for an inclusive end', () => {
    expect(parseDateArg('2026-11-30', now, { endOfDay: true })).toEqual(local('2026-11-30T23:59:59.999'));
    expect(parseDateArg('2026-11-30T12:00', now, { endOfDay: true })).toEqual(local('2026-11-30T12:00'));
  });

  it('keeps an instant with Z as given', () => {
    expect(parseDateArg('2026-11-01T09:00:00.000Z', now).toISOString()).toBe('2026-11-01T09:00:00.000Z');
  });

  it('refuses what it cannot read, naming the flag and the value', () => {
    expect(() => parseDateArg('soon-ish', now, { flag: '--since' })).toThrowError(
      '--since: cannot read "soon-ish" as a date; try e.g. 2026-11-01, 2026-11-01T14:30, "yesterday" or "3 days ago"',
    );
    expect(() => parseDateArg('31-31-2026', now)).toThrowError(UsageError);
  });
});

describe('assertNotFuture', () => {
  const now = local('2026-11-25T15:00');

  it('accepts now and the past', () => {
    expect(() => assertNotFuture(now, now, '--date')).not.toThrow();
    expect(() => assertNotFuture(local('2026-11-20T09:00'), now, '--date')).not.toThrow();
  });

  it('refuses a future moment, naming the flag and the moment', () => {
    expect(() => assertNotFuture(local('2026-11-25T15:01'), now, '--date')).toThrowError(
      new UsageError('--date 2026-11-25 15:01 is in the future; it records something that already happened'),
    );
    expect(() => assertNotFuture(parseDateArg('tomorrow', now), now, '--date')).toThrowError(
      '--date 2026-11-26 is in the future',
    );
  });
});

describe('parseDateArg on plain ISO input', () => {
  const now = new Date('2026-11-25T12:00:00+01:00');
  it('reads days and local times exactly, with an inclusive end of day', () => {
    expect(parseDateArg('2026-03-29', now).getTime()).toBe(new Date(2026, 2, 29, 0, 0).getTime());
    expect(parseDateArg('2026-03-29', now, { endOfDay: true }).getTime()).toBe(new Date(2026, 2, 29, 23, 59, 59, 999).getTime());
    expect(parseDateArg('2026-10-25T14:30', now).getTime()).toBe(new Date(2026, 9, 25, 14, 30).getTime());
    expect(parseDateArg(' 2026-10-25 14:30:15 ', now).getTime()).toBe(new Date(2026, 9, 25, 14, 30, 15).getTime());
  });

  it('never rolls a day that does not exist over into the next month', () => {
    let got: Date | undefined;
    try {
      got = parseDateArg('2026-02-31', now);
    } catch (err) {
      expect(String(err)).toMatch(/cannot read "2026-02-31"/);
    }
    if (got) expect(got.getMonth()).toBe(1);
  });
});
