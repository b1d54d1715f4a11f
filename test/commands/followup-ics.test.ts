import ICAL from 'ical.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SeededAsk, seedAsk, snapshot } from '../support/followup-seed.js';
import { type Sandbox, sandbox } from '../support/run.js';

const local = (text: string) => new Date(text);
const now = local('2026-11-25T10:00');

const RELATION = 'Zoë Ñúñez-Åberg, Brouwerij; "De Kroon"';
const REFEREES = ['Jürgen Øster, CFO', 'Ruud van Aalst; Femke Bakhuis', 'Émile Laurent-Ğür'];
const AGENDA = [
  'Did she mention us to Jürgen? She said: "maybe, later; after the audit".',
  'Offer the forwardable message again; no phone numbers, no e-mail addresses — only permission to use her name.',
  'Thank her for the feedback on the pilot, in her words: "calm, clear, fast". Agree when to come back; 15 minutes at most.',
].join('\n');

let s: Sandbox;
let first: SeededAsk;
let second: SeededAsk;
beforeEach(async () => {
  s = sandbox();
  first = seedAsk(s.db, { relation: RELATION, referees: REFEREES, askedAt: local('2026-11-20T09:00'), dueAt: local('2026-11-26T10:00'), note: AGENDA });
  second = seedAsk(s.db, { relation: 'Bram Kok', referees: ['Lotte Jansen'], askedAt: local('2026-11-21T09:00'), dueAt: local('2026-12-01T14:30'), note: null, minutes: 30 });
});
afterEach(() => s.cleanup());

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, start: e.startDate.toJSDate().toISOString(), minutes: e.duration.toSeconds() / 60, summary: e.summary, description: e.description };
  });
}

describe('refer followup ics', () => {
  it('writes one event per open follow-up with its stored uid, the relation in the summary, agenda and referees in the description', async () => {
    const r = await s.run(['followup', 'ics'], { now });
    expect(r.code).toBe(0);
    expect(events(r.stdout)).toEqual([
      {
        uid: first.uid,
        start: '2026-11-26T09:00:00.000Z',
        minutes: 15,
        summary: `15-min follow-up: ${RELATION}`,
        description: `${AGENDA}\nReferees: ${REFEREES.join(', ')}\nAsk 1. Afterwards: refer followup done 1 --outcome STAGE`,
      },
      {
        uid: second.uid,
        start: '2026-12-01T13:30:00.000Z',
        minutes: 30,
        summary: '30-min follow-up: Bram Kok',
        description: 'Referees: Lotte Jansen\nAsk 2. Afterwards: refer followup done 2 --outcome STAGE',
      },
    ]);
  });

  it('escapes commas, semicolons and line breaks, and folds lines at 75 octets', async () => {
    const raw = (await s.run(['followup', 'ics'], { now })).stdout;
    const lines = raw.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(raw.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    const unfolded = raw.replace(/\r\n /g, '');
    expect(unfolded).toContain('\r\nSUMMARY:15-min follow-up: Zoë Ñúñez-Åberg\\, Brouwerij\\; "De Kroon"\r\n');
    expect(unfolded).toContain('Referees: Jürgen Øster\\, CFO\\, Ruud van Aalst\\; Femke Bakhuis\\, Émile Laurent-Ğür\\n');
    expect(unfolded).toContain('"maybe\\, later\\; after the audit".\\nOffer');
    expect(unfolded).toContain('\r\nDTSTAMP:20261125T090000Z\r\n');
  });

  it('gives the same UIDs on every export, also after a snooze', async () => {
    const once = events((await s.run(['followup', 'ics'], { now })).stdout);
    await s.run(['followup', 'snooze', '1', '2026-11-27T11:00'], { now });
    const again = events((await s.run(['followup', 'ics'], { now: local('2026-11-25T12:00') })).stdout);
    expect(again.map((e) => e.uid)).toEqual(once.map((e) => e.uid));
    expect(again[0]!.start).toBe('2026-11-27T10:00:00.000Z');
  });

  it('exports only the named follow-ups, and no done ones by default', async () => {
    expect(events((await s.run(['followup', 'ics', '2', '2'], { now })).stdout).map((e) => e.uid)).toEqual([second.uid]);
    await s.run(['followup', 'done', '1'], { now });
    expect(events((await s.run(['followup', 'ics'], { now })).stdout).map((e) => e.uid)).toEqual([second.uid]);
    await s.run(['followup', 'done', '2'], { now });
    const empty = await s.run(['followup', 'ics'], { now });
    expect(events(empty.stdout)).toEqual([]);
    expect(empty.stderr).toMatch(/No open follow-ups/);
  });

  it('writes -o FILE with mode 0600 through a temporary file, and says what it wrote', async () => {
    const file = join(s.dir, 'followups.ics');
    const r = await s.run(['followup', 'ics', '-o', file], { now });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toMatch(/Wrote 2 follow-ups to .*followups\.ics/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe((await s.run(['followup', 'ics'], { now })).stdout);
    expect(readdirSync(s.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const json = (await s.run(['followup', 'ics', '--output', file, '--json'], { now })).json();
    expect(json).toEqual({ file, count: 2, uids: [first.uid, second.uid] });
  });

  it('refuses an unknown id (exit 2) and a missing folder (exit 1), writing nothing', async () => {
    const before = snapshot(s.db);
    const unknown = await s.run(['followup', 'ics', '1', '7'], { now });
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/no follow-up with id 7/);
    const folder = await s.run(['followup', 'ics', '-o', join(s.dir, 'nope', 'f.ics')], { now });
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/folder .*nope does not exist/);
    expect(snapshot(s.db)).toBe(before);
  });
});
