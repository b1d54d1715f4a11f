import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, type CalendarEvent } from '../../src/core/ics.js';

const now = new Date('2026-10-23T08:00:00.000Z');

const agendaLines = [
  'Follow-up with Zoë Ñúñez-Åberg (Brouwerij De Kroon; Utrecht)',
  '1. Did she mention us to Jürgen Øster, CFO? He said: "maybe, later"',
  '2. Path on the share: C:\\refer\\notes — keep it, do not send',
  '3. Offer the forwardable message again; no phone numbers, no e-mail',
  '4. Thank her for the feedback 🎉 on the pilot, in her words: "calm, clear, fast"',
  '5. Agree when to come back; 15 minutes max 🙏',
  '6. Would Ruud van Aalst, Femke Bakhuis; Sanne Overveld be helped too?',
];
const agenda = agendaLines.join('\n');

const events: CalendarEvent[] = [
  {
    uid: 'followup-1-7f3a@refer',
    start: new Date('2026-10-26T09:00:00.000Z'),
    durationMinutes: 15,
    summary: 'Follow-up: Zoë Ñúñez-Åberg, Brouwerij; "De Kroon" \\ ask #12',
    description: agenda,
  },
  {
    uid: 'followup-2-81bc@refer',
    start: new Date('2026-12-01T13:30:00.000Z'),
    durationMinutes: 30,
    summary: 'Bel 😀 Jürgen Øster 🎉 over de introductie bij Kaasmakerij Ŝtrŭdel 😀😀😀😀😀😀😀😀',
    description: 'Één regel, met komma',
    alarmMinutesBefore: 30,
  },
  {
    uid: 'followup-3-9d0e@refer',
    start: new Date('2027-01-05T08:15:00.000Z'),
    durationMinutes: 90,
    summary: 'Follow-up: Ilse Varenkamp',
    description: 'Line one\r\nLine two\rLine three',
    alarmMinutesBefore: null,
  },
];

const text = buildCalendar(events, now);

function parsed() {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, vevents: calendar.getAllSubcomponents('vevent') };
}

describe('buildCalendar, read back with ical.js', () => {
  it('has the calendar header', () => {
    const { calendar } = parsed();
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//refer//refer followup//EN');
  });

  it('round-trips uid, start, duration, summary and description exactly', () => {
    const { vevents } = parsed();
    expect(vevents).toHaveLength(3);
    const read = vevents.map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        start: e.startDate.toJSDate().toISOString(),
        minutes: e.duration.toSeconds() / 60,
        summary: e.summary,
        description: e.description,
      };
    });
    expect(agenda.length).toBeGreaterThanOrEqual(400);
    expect(read).toEqual([
      {
        uid: 'followup-1-7f3a@refer',
        start: '2026-10-26T09:00:00.000Z',
        minutes: 15,
        summary: events[0]?.summary,
        description: agenda,
      },
      {
        uid: 'followup-2-81bc@refer',
        start: '2026-12-01T13:30:00.000Z',
        minutes: 30,
        summary: events[1]?.summary,
        description: 'Één regel, met komma',
      },
      {
        uid: 'followup-3-9d0e@refer',
        start: '2027-01-05T08:15:00.000Z',
        minutes: 90,
        summary: 'Follow-up: Ilse Varenkamp',
        description: 'Line one\nLine two\nLine three',
      },
    ]);
  });

  it('stamps every event with now in UTC', () => {
    const { vevents } = parsed();
    for (const v of vevents) expect(v.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-10-23T08:00:00Z');
    expect(text).toContain('\r\nDTSTAMP:20261023T080000Z\r\n');
  });

  it('adds a display alarm 10 minutes before by default, as asked, or none', () => {
    const { vevents } = parsed();
    const alarms = vevents.map((v) =>
      v.getAllSubcomponents('valarm').map((a) => ({
        action: a.getFirstPropertyValue('action'),
        before: (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds(),
        description: a.getFirstPropertyValue('description'),
      })),
    );
    expect(alarms).toEqual([
      [{ action: 'DISPLAY', before: -600, description: events[0]?.summary }],
      [{ action: 'DISPLAY', before: -1800, description: events[1]?.summary }],
      [],
    ]);
  });

  it('writes an alarm at the start itself for 0 minutes', () => {
    const calendar = buildCalendar([{ ...events[2]!, alarmMinutesBefore: 0 }], now);
    expect(calendar).toContain('\r\nTRIGGER;VALUE=DATE-TIME:20270105T081500Z\r\n');
  });
});

describe('buildCalendar, the raw text', () => {
  const bytes = Buffer.from(text, 'utf8');
  const physicalLines = () => {
    const lines: Buffer[] = [];
    let from = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        lines.push(bytes.subarray(from, i));
        from = i + 2;
      }
    }
    expect(from).toBe(bytes.length); // the text ends with CRLF
    return lines;
  };

  it('ends every line with CRLF and has no bare CR or LF', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has no physical line over 75 octets, and folds with a leading space', () => {
    const lines = physicalLines();
    const longest = Math.max(...lines.map((l) => l.length));
    expect(longest).toBeLessThanOrEqual(75);
    // the agenda and the emoji summary did need folding
    expect(lines.filter((l) => l[0] === 0x20).length).toBeGreaterThan(5);
  });

  it('never splits a UTF-8 character across lines', () => {
    const decoder = new TextDecoder('utf-8');
    for (const line of physicalLines()) expect(decoder.decode(line)).not.toContain('\uFFFD');
  });

  it('escapes commas, semicolons, backslashes and newlines in TEXT values', () => {
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Follow-up: Zoë Ñúñez-Åberg\\, Brouwerij\\; "De Kroon" \\\\ ask #12\r\n');
    expect(unfolded).toContain('DESCRIPTION:Line one\\nLine two\\nLine three\r\n');
    expect(unfolded).toContain(
      'BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Follow-up: Zoë Ñúñez-Åberg\\, Brouwerij\\; "De Kroon" \\\\ ask #12\r\n',
    );
  });

  it('has one VEVENT per event and a stable UID', () => {
    expect(text.match(/\r\nBEGIN:VEVENT\r\n/g)).toHaveLength(3);
    expect(buildCalendar(events, now)).toBe(text);
  });
});
