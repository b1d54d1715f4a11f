// Which open follow-ups to show, and how late each one is. "Today" is the local calendar day of
// `now`; a follow-up is overdue once its moment has passed (dueAt < now).

import { addDays } from 'date-fns/addDays';
import { endOfDay } from 'date-fns/endOfDay';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { UsageError } from '../errors.js';

export type DueWindow =
  /** overdue + due later today: the default listing */
  | { kind: 'due' }
  /** overdue + due today or in the next `days` days */
  | { kind: 'upcoming'; days: number }
  /** due on one local calendar day, overdue or not */
  | { kind: 'on'; day: Date }
  /** every open follow-up */
  | { kind: 'all' };

export interface DueInfo {
  overdue: boolean;
  /** calendar days since the day it was due; 0 when due today or later */
  lateDays: number;
  /** "2 days late", "overdue since 09:00", "due 14:00", "due tomorrow 10:00", "due Tue 1 Dec 10:00" */
  label: string;
}

/**
 * The due times `window` covers, as instants (`to` included): what the database query seeks, so
 * a long backlog is never read whole. Open ends are undefined.
 */
export function windowRange(window: DueWindow, now: Date): { from?: Date; to?: Date } {
  switch (window.kind) {
    case 'due':
      return { to: endOfDay(now) };
    case 'upcoming':
      if (!Number.isInteger(window.days) || window.days < 0) {
        throw new UsageError(`--upcoming takes a whole number of days (0 or more), got ${window.days}`);
      }
      return { to: endOfDay(addDays(now, window.days)) };
    case 'on':
      return { from: startOfDay(window.day), to: endOfDay(window.day) };
    case 'all':
      return {};
  }
}

/** The follow-ups of `window`, oldest first, each with whether and how late it is. */
export function selectDue<T extends { dueAt: string }>(
  followups: readonly T[],
  now: Date,
  window: DueWindow = { kind: 'due' },
): Array<T & DueInfo> {
  const { from, to } = windowRange(window, now);
  return followups
    .map((f) => ({ f, due: new Date(f.dueAt) }))
    .filter(({ due }) => (from === undefined || due >= from) && (to === undefined || due <= to))
    .sort((a, b) => a.due.getTime() - b.due.getTime())
    .map(({ f, due }) => ({ ...f, ...dueInfo(due, now) }));
}

/** Whether and how late a follow-up due at `due` is at `now`. */
export function dueInfo(due: Date, now: Date): DueInfo {
  const overdue = due < now;
  const lateDays = overdue ? calendarDays(due, now) : 0;
  return { overdue, lateDays, label: dueLabel(due, now, overdue, lateDays) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Local calendar days from `from` to `to` (date-fns' differenceInCalendarDays): each local date
 * as a UTC midnight, so the difference is whole days whatever DST did in between. Written out:
 * `refer followup` asks it for every row of a long backlog, and date-fns takes several times longer.
 */
function calendarDays(from: Date, to: Date): number {
  return Math.round((Date.UTC(to.getFullYear(), to.getMonth(), to.getDate()) - Date.UTC(from.getFullYear(), from.getMonth(), from.getDate())) / 86_400_000);
}

function dueLabel(due: Date, now: Date, overdue: boolean, lateDays: number): string {
  // Written out, not with format(): this runs for every row of a long follow-up list.
  const time = `${pad(due.getHours())}:${pad(due.getMinutes())}`;
  if (overdue) {
    if (lateDays === 0) return `overdue since ${time}`;
    return lateDays === 1 ? '1 day late' : `${lateDays} days late`;
  }
  const ahead = calendarDays(now, due);
  if (ahead === 0) return `due ${time}`;
  if (ahead === 1) return `due tomorrow ${time}`;
  const day = format(due, due.getFullYear() === now.getFullYear() ? 'EEE d MMM' : 'EEE d MMM yyyy');
  return `due ${day} ${time}`;
}
