// The follow-ups as an RFC 5545 calendar. The `ics` library writes the components and escapes
// TEXT values; two of its gaps are closed here (see foldOctets and the alarm description).

import { createEvents, type Alarm, type EventAttributes } from 'ics';

export const PRODUCT_ID = '-//refer//refer followup//EN';
export const DEFAULT_ALARM_MINUTES = 10;
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

export interface CalendarEvent {
  /** stable across exports, so a calendar updates the event instead of duplicating it */
  uid: string;
  start: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  /** a display alarm this many minutes before the start (default 10); 0 = at the start, null = none */
  alarmMinutesBefore?: number | null;
}

/** One VCALENDAR with a VEVENT per event; times in UTC, CRLF line ends, folded at 75 octets. */
export function buildCalendar(events: readonly CalendarEvent[], now: Date): string {
  const { error, value } = createEvents(
    events.map((e) => toAttributes(e, now)),
    // no METHOD: the file is for importing, not an iTIP message
    { productId: PRODUCT_ID, method: undefined },
  );
  if (error || value === null) throw error ?? new Error('the ics library returned no calendar');
  return foldOctets(value);
}

function toAttributes(e: CalendarEvent, now: Date): EventAttributes {
  const summary = plainText(e.summary);
  const minutes = e.alarmMinutesBefore === undefined ? DEFAULT_ALARM_MINUTES : e.alarmMinutesBefore;
  const alarms: Alarm[] =
    minutes === null
      ? []
      : [
          {
            action: 'display',
            // ics escapes the VALARM description's line breaks only, not `\ , ;`.
            description: escapeText(summary),
            // a zero relative trigger would be written as the invalid "-PT"; use the start itself
            trigger: minutes > 0 ? { minutes, before: true } : e.start.getTime(),
          },
        ];
  // `timestamp` (DTSTAMP) is read by ics but missing from its types; without it ics uses the clock.
  const attributes: EventAttributes & { timestamp: number } = {
    uid: e.uid,
    start: e.start.getTime(),
    duration: { minutes: e.durationMinutes },
    title: summary,
    description: plainText(e.description),
    timestamp: now.getTime(),
    alarms,
  };
  return attributes;
}

/** Line breaks as \n and no other control characters, which TEXT values cannot hold. */
function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** RFC 5545 §3.3.11 TEXT escaping. */
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
}

/**
 * ics folds at 75 characters, so a line with accents or emoji exceeds 75 octets. Unfold its
 * output and fold every line again by UTF-8 octets, breaking only between code points.
 */
function foldOctets(calendar: string): string {
  return calendar
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map(foldLine)
    .join('\r\n');
}

function foldLine(line: string): string {
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      parts.push(part);
      part = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1; // a continuation line starts with a space
    }
    part += char;
    octets += size;
  }
  parts.push(part);
  return parts.join('\r\n ');
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}
