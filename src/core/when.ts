// Reading the dates and times a user types (WHEN, --date, --since …). All calendar arithmetic
// happens in the process's local time zone, on wall-clock components, so that "in 3 days" across
// a daylight-saving change keeps its hour. What needs no parsing is in calendar.ts, so that a
// command given no date (a scripted `refer ask`) does not load chrono.

// Only the English parser is used; the bundler drops chrono's other locales.
import { en, type ParsedResult } from 'chrono-node';
import { addDays } from 'date-fns/addDays';
import { endOfDay } from 'date-fns/endOfDay';
import { isSameDay } from 'date-fns/isSameDay';
import { UsageError } from '../errors.js';
import { DEFAULT_HOUR, toWorkingDay } from './calendar.js';

const QUARTER_HOUR = 15 * 60_000;

type ParsedComponents = ParsedResult['start'];

export interface WhenOptions {
  defaultHour?: number;
  defaultMinute?: number;
}

/**
 * Reads a follow-up moment: ISO (2026-12-01, 2026-12-01T10:00, 2026-12-01 10:00) or a phrase
 * ("tomorrow 10:00", "in 3 days", "next tuesday", "friday 14:30", "10:00"), always forward from
 * `now`. A date without a time gets the default hour; a time without a date is today if still
 * ahead, else the next day. When the user did not name the day ("in 3 days", "next week",
 * "10:00") and it lands on a weekend, it moves to Monday; a named day is kept as typed.
 */
export function parseWhen(text: string, now: Date, opts: WhenOptions = {}): Date {
  const c = parseWhole(text, now, true);
  if (!c) {
    throw new UsageError(
      `cannot read "${text}" as a date or time; try e.g. "tomorrow 10:00", "in 3 days", "next tuesday" or 2026-12-01T10:00`,
    );
  }
  // "in 2 hours", "now", an ISO time with Z or an offset: an exact instant, kept as given.
  if (c.isCertain('timezoneOffset')) return c.date();

  const timeGiven = hasTime(c);
  const dayGiven = hasDay(c);
  let date = timeGiven
    ? fromComponents(c)
    : fromComponents(c, opts.defaultHour ?? DEFAULT_HOUR, opts.defaultMinute ?? 0);

  if (!dayGiven && date <= now) date = addDays(date, 1);
  // "today" (or today's ISO date) after the default hour has passed: due at the next quarter.
  if (!timeGiven && date < now && isSameDay(date, now)) {
    date = new Date(Math.ceil(now.getTime() / QUARTER_HOUR) * QUARTER_HOUR);
  }
  const relative = c.tags().has('result/relativeDate');
  return relative || !dayGiven ? toWorkingDay(date) : date;
}

export interface DateArgOptions {
  /** the flag being read, named in the error message */
  flag?: string;
  /** a day without a time means its last millisecond (for inclusive ends such as --until) */
  endOfDay?: boolean;
}

/**
 * Reads a day or a moment for --date, --since, --until, --on: ISO (2026-11-01, 2026-11-01T14:30)
 * or a phrase ("yesterday", "3 days ago", "last friday", "today"). A day without a time means
 * its start (00:00 local), or its end with `endOfDay`. Not biased forward or backward: a bare
 * weekday is the nearest one, as chrono reads it.
 */
export function parseDateArg(text: string, now: Date, opts: DateArgOptions = {}): Date {
  const iso = isoLocal(text);
  if (iso) return iso.hasTime || !opts.endOfDay ? iso.date : endOfDay(iso.date);
  const c = parseWhole(text, now, false);
  if (!c) {
    const prefix = opts.flag ? `${opts.flag}: ` : '';
    throw new UsageError(
      `${prefix}cannot read "${text}" as a date; try e.g. 2026-11-01, 2026-11-01T14:30, "yesterday" or "3 days ago"`,
    );
  }
  if (c.isCertain('timezoneOffset')) return c.date();
  if (hasTime(c)) return fromComponents(c);
  const day = fromComponents(c, 0, 0);
  return opts.endOfDay ? endOfDay(day) : day;
}

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A plain ISO day or local date-time, read without chrono: scripts pass these to --date, --since
 * and --until, and chrono's first parse costs more than the rest of such a command. Anything
 * else (a phrase, an offset, a day or hour that does not exist) is left to chrono.
 */
function isoLocal(text: string): { date: Date; hasTime: boolean } | null {
  const m = ISO_LOCAL.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
  const date = new Date(y!, mo! - 1, d!, h ?? 0, mi ?? 0, sec ?? 0);
  const exact =
    date.getFullYear() === y && date.getMonth() === mo! - 1 && date.getDate() === d && date.getHours() === (h ?? 0) && date.getMinutes() === (mi ?? 0);
  return exact ? { date, hasTime: h !== undefined } : null;
}

function parseWhole(text: string, now: Date, forwardDate: boolean): ParsedComponents | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const results = en.casual.parse(trimmed, now, { forwardDate });
  const only = results[0];
  // chrono picks dates out of running text; a flag value must be a date as a whole, or a typo
  // such as "tomorrow 25:00" would silently lose its time.
  if (results.length !== 1 || !only || only.index !== 0 || only.text.length !== trimmed.length) return null;
  return only.start;
}

/** An hour was typed, or a part of the day ("tonight", "tomorrow morning", "noon"). */
function hasTime(c: ParsedComponents): boolean {
  const tags = c.tags();
  return c.isCertain('hour') || tags.has('parser/ENCasualTimeParser') || tags.has('casualReference/tonight');
}

/** Some day was named: a date, a weekday, a month, "today"/"tomorrow", or a relative offset. */
function hasDay(c: ParsedComponents): boolean {
  return c.isCertain('day') || c.isCertain('weekday') || c.isCertain('month') || c.isCertain('year');
}

/**
 * chrono computes relative dates ("in 3 days 14:00") in the UTC offset of the reference moment,
 * which is an hour off across a daylight-saving change; its wall-clock components are right, so
 * the date is rebuilt from them in local time.
 */
function fromComponents(c: ParsedComponents, hour?: number, minute?: number): Date {
  const part = (k: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second') => c.get(k) ?? 0;
  return new Date(
    part('year'),
    part('month') - 1,
    part('day'),
    hour ?? part('hour'),
    minute ?? part('minute'),
    hour === undefined ? part('second') : 0,
  );
}
