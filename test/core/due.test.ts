import fc from 'fast-check';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { dueInfo, selectDue } from '../../src/core/due.js';

process.env.TZ = 'Europe/Amsterdam';

/** A local wall-clock moment ("2026-11-25T14:00") as the stored ISO UTC text. */
const iso = (localText: string) => new Date(localText).toISOString();
const fu = (id: number, localDue: string) => ({ id, dueAt: iso(localDue) });
const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

describe('selectDue', () => {
  // Wednesday 25 November 2026, 14:00 local.
  const now = new Date('2026-11-25T14:00');
  const followups = [
    fu(5, '2026-11-26T00:00'), // tomorrow, first minute
    fu(3, '2026-11-25T14:00'), // exactly now
    fu(1, '2026-11-22T10:00'), // three days ago
    fu(4, '2026-11-25T23:59'), // tonight
    fu(2, '2026-11-24T09:00'), // yesterday
    fu(6, '2026-11-25T09:00'), // earlier today
    fu(7, '2026-12-02T23:59'), // a week on, last minute
    fu(8, '2026-12-03T00:00'), // eight days on
  ];

  it('shows overdue and due-today follow-ups by default, oldest first, with how late each is', () => {
    const rows = selectDue(followups, now);
    expect(rows.map(({ id, overdue, lateDays, label }) => ({ id, overdue, lateDays, label }))).toEqual([
      { id: 1, overdue: true, lateDays: 3, label: '3 days late' },
      { id: 2, overdue: true, lateDays: 1, label: '1 day late' },
      { id: 6, overdue: true, lateDays: 0, label: 'overdue since 09:00' },
      { id: 3, overdue: false, lateDays: 0, label: 'due 14:00' },
      { id: 4, overdue: false, lateDays: 0, label: 'due 23:59' },
    ]);
  });

  it('keeps the fields of each follow-up', () => {
    const rows = selectDue([{ id: 9, dueAt: iso('2026-11-25T16:00'), note: 'Call Ilse Varenkamp' }], now);
    expect(rows).toEqual([
      { id: 9, dueAt: iso('2026-11-25T16:00'), note: 'Call Ilse Varenkamp', overdue: false, lateDays: 0, label: 'due 16:00' },
    ]);
  });

  it('counts a follow-up one millisecond past its time as overdue', () => {
    const [row] = selectDue([fu(1, '2026-11-25T14:00')], new Date(new Date('2026-11-25T14:00').getTime() + 1));
    expect(row?.overdue).toBe(true);
  });

  it('at 23:59 keeps midnight for tomorrow, and at 00:00 counts 23:59 as a day late', () => {
    const lateEvening = new Date('2026-11-25T23:59');
    expect(ids(selectDue([fu(1, '2026-11-26T00:00'), fu(2, '2026-11-25T23:59')], lateEvening))).toEqual([2]);

    const midnight = new Date('2026-11-26T00:00');
    const rows = selectDue([fu(1, '2026-11-25T23:59'), fu(2, '2026-11-26T00:00'), fu(3, '2026-11-26T23:59')], midnight);
    expect(rows.map(({ id, overdue, label }) => ({ id, overdue, label }))).toEqual([
      { id: 1, overdue: true, label: '1 day late' },
      { id: 2, overdue: false, label: 'due 00:00' },
      { id: 3, overdue: false, label: 'due 23:59' },
    ]);
  });

  it('with upcoming days adds what is due through the last of those days', () => {
    expect(ids(selectDue(followups, now, { kind: 'upcoming', days: 7 }))).toEqual([1, 2, 6, 3, 4, 5, 7]);
    expect(ids(selectDue(followups, now, { kind: 'upcoming', days: 1 }))).toEqual([1, 2, 6, 3, 4, 5]);
    expect(ids(selectDue(followups, now, { kind: 'upcoming', days: 0 }))).toEqual(ids(selectDue(followups, now)));
  });

  it('labels later follow-ups with their day', () => {
    const rows = selectDue(
      [fu(1, '2026-11-26T00:00'), fu(2, '2026-12-01T10:00'), fu(3, '2027-01-05T09:30')],
      now,
      { kind: 'all' },
    );
    expect(rows.map((r) => r.label)).toEqual(['due tomorrow 00:00', 'due Tue 1 Dec 10:00', 'due Tue 5 Jan 2027 09:30']);
  });

  it('on a day shows only that local day, overdue or not', () => {
    expect(ids(selectDue(followups, now, { kind: 'on', day: new Date('2026-11-25T08:00') }))).toEqual([6, 3, 4]);
    const yesterday = selectDue(followups, now, { kind: 'on', day: new Date('2026-11-24T23:00') });
    expect(yesterday.map(({ id, overdue }) => ({ id, overdue }))).toEqual([{ id: 2, overdue: true }]);
    expect(ids(selectDue(followups, now, { kind: 'on', day: new Date('2026-11-28T12:00') }))).toEqual([]);
  });

  it('with all shows every open follow-up', () => {
    expect(ids(selectDue(followups, now, { kind: 'all' }))).toEqual([1, 2, 6, 3, 4, 5, 7, 8]);
  });

  it('refuses a negative or fractional number of upcoming days', () => {
    expect(() => selectDue(followups, now, { kind: 'upcoming', days: -1 })).toThrowError(UsageError);
    expect(() => selectDue(followups, now, { kind: 'upcoming', days: 1.5 })).toThrowError(
      '--upcoming takes a whole number of days (0 or more), got 1.5',
    );
  });

  it('uses the local calendar day across a DST change', () => {
    // Monday 26 Oct 2026 00:30 CET is 25 Oct 23:30Z: still "today" locally.
    const monday = new Date('2026-10-26T00:10');
    const rows = selectDue([{ id: 1, dueAt: '2026-10-25T23:30:00.000Z' }, { id: 2, dueAt: '2026-10-25T22:59:00.000Z' }], monday);
    expect(rows.map(({ id, overdue, label }) => ({ id, overdue, label }))).toEqual([
      { id: 2, overdue: true, label: '1 day late' },
      { id: 1, overdue: false, label: 'due 00:30' },
    ]);
  });
});

describe('late days', () => {
  it('count local calendar days exactly as date-fns does, across DST changes and years', () => {
    const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [due, now] = a < b ? [a, b] : [b, a];
        const expected = due < now ? differenceInCalendarDays(now, due) : 0;
        expect(dueInfo(due, now).lateDays).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
