// The default follow-up moment, working days, and how a moment is shown: calendar arithmetic in
// the process's local time zone, on wall-clock components (see when.ts for reading typed dates).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { isWeekend } from 'date-fns/isWeekend';
import { nextMonday } from 'date-fns/nextMonday';
import { UsageError } from '../errors.js';

/** A date given without a time gets this hour (local). */
export const DEFAULT_HOUR = 10;
/** The default follow-up comes this many calendar days after the ask, moved off the weekend. */
export const FOLLOW_UP_AFTER_DAYS = 3;

/** The default follow-up for an ask made at `from`: 3 days later at 10:00 local, off the weekend. */
export function defaultFollowUp(from: Date): Date {
  const day = addDays(from, FOLLOW_UP_AFTER_DAYS);
  return toWorkingDay(new Date(day.getFullYear(), day.getMonth(), day.getDate(), DEFAULT_HOUR, 0));
}

/** A Saturday or Sunday moves to the Monday after, at the same local time. */
export function toWorkingDay(date: Date): Date {
  return isWeekend(date) ? nextMonday(date) : date;
}

/** "2026-12-01 10:00" in local time; "2026-12-01" at midnight. */
export function formatLocal(date: Date): string {
  return format(date, date.getHours() === 0 && date.getMinutes() === 0 ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm');
}

/** Refuses a moment after `now` for flags that record something that already happened. */
export function assertNotFuture(date: Date, now: Date, flag: string): void {
  if (date > now) {
    throw new UsageError(`${flag} ${formatLocal(date)} is in the future; it records something that already happened`);
  }
}
