// Which open follow-ups to show, and how late each one is. "Today" is the local calendar day of
// `now`; a follow-up is overdue once its moment has passed (dueAt < now).

import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { endOfDay } from 'date-fns/endOfDay';
import { format } from 'date-fns/format';
import { isSameDay } from 'date-fns/isSameDay';
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

/** The follow-ups of `window`, oldest first, each with whether and how late it is. */
export function selectDue<T extends { dueAt: string }>(
  followups: readonly T[],
  now: Date,
  window: DueWindow = { kind: 'due' },
): Array<T & DueInfo> {
  const inWindow = windowTest(window, now);
  return followups
    .map((f) => ({ f, due: new Date(f.dueAt) }))
    .filter(({ due }) => inWindow(due))
    .sort((a, b) => a.due.getTime() - b.due.getTime())
    .map(({ f, due }) => ({ ...f, ...dueInfo(due, now) }));
}

/** Whether and how late a follow-up due at `due` is at `now`. */
export function dueInfo(due: Date, now: Date): DueInfo {
  const overdue = due < now;
  const lateDays = overdue ? differenceInCalendarDays(now, due) : 0;
  return { overdue, lateDays, label: dueLabel(due, now, overdue, lateDays) };
}

function windowTest(window: DueWindow, now: Date): (due: Date) => boolean {
  switch (window.kind) {
    case 'due': {
      const end = endOfDay(now);
      return (due) => due <= end;
    }
    case 'upcoming': {
      if (!Number.isInteger(window.days) || window.days < 0) {
        throw new UsageError(`--upcoming takes a whole number of days (0 or more), got ${window.days}`);
      }
      const end = endOfDay(addDays(now, window.days));
      return (due) => due <= end;
    }
    case 'on':
      return (due) => isSameDay(due, window.day);
    case 'all':
      return () => true;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function dueLabel(due: Date, now: Date, overdue: boolean, lateDays: number): string {
  // Written out, not with format(): this runs for every row of a long follow-up list.
  const time = `${pad(due.getHours())}:${pad(due.getMinutes())}`;
  if (overdue) {
    if (lateDays === 0) return `overdue since ${time}`;
    return lateDays === 1 ? '1 day late' : `${lateDays} days late`;
  }
  const ahead = differenceInCalendarDays(due, now);
  if (ahead === 0) return `due ${time}`;
  if (ahead === 1) return `due tomorrow ${time}`;
  const day = format(due, due.getFullYear() === now.getFullYear() ? 'EEE d MMM' : 'EEE d MMM yyyy');
  return `due ${day} ${time}`;
}
