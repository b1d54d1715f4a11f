import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedAsk, snapshot } from '../support/followup-seed.js';
import { type Sandbox, sandbox } from '../support/run.js';

// vitest runs with TZ=Europe/Amsterdam: a date-time without Z below is local wall-clock time.
const local = (text: string) => new Date(text);

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

// Wednesday 25 November 2026, 10:00 local (CET, UTC+1).
const now = local('2026-11-25T10:00');

/** One ask by Sanne Visser about two referees per due moment; returns the follow-up ids in order. */
function seedDue(...due: string[]): number[] {
  return due.map(
    (d, i) =>
      seedAsk(s.db, { relation: 'Sanne Visser', referees: [`Pieter de Groot ${i}`, `Anna Smit ${i}`], askedAt: local('2026-11-20T09:00'), dueAt: local(d), note: `agenda ${i}` })
        .followupId,
  );
}

const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

describe('refer followup (the listing)', () => {
  it('shows what is overdue and due today, oldest first, with the relation, the referees and how late', async () => {
    const [twoDaysLate, justMissed, rightNow, lastMinute, tomorrowMidnight, nextWeek] = seedDue(
      '2026-11-23T10:00',
      '2026-11-25T09:59',
      '2026-11-25T10:00',
      '2026-11-25T23:59',
      '2026-11-26T00:00',
      '2026-12-03T10:00',
    );
    const r = await s.run(['followup', '--json'], { now });
    expect(r.code).toBe(0);
    const rows = r.json();
    expect(ids(rows)).toEqual([twoDaysLate, justMissed, rightNow, lastMinute]);
    expect(rows.map((f: any) => [f.overdue, f.lateDays, f.label])).toEqual([
      [true, 2, '2 days late'],
      [true, 0, 'overdue since 09:59'],
      [false, 0, 'due 10:00'],
      [false, 0, 'due 23:59'],
    ]);
    expect(rows[0]).toMatchObject({
      relation: { id: 1, name: 'Sanne Visser' },
      dueAt: '2026-11-23T09:00:00.000Z',
      durationMinutes: 15,
      askId: 1,
      note: 'agenda 0',
      referees: ['Pieter de Groot 0', 'Anna Smit 0'],
    });

    expect(ids((await s.run(['followup', '--upcoming', '1', '--json'], { now })).json())).toEqual([twoDaysLate, justMissed, rightNow, lastMinute, tomorrowMidnight]);
    expect(ids((await s.run(['followup', '--upcoming', '7', '--json'], { now })).json())).not.toContain(nextWeek);
    expect(ids((await s.run(['followup', '--upcoming', '8', '--json'], { now })).json())).toContain(nextWeek);
    expect(ids((await s.run(['followup', '--on', 'tomorrow', '--json'], { now })).json())).toEqual([tomorrowMidnight]);
    expect(ids((await s.run(['followup', '--on', '2026-11-23', '--json'], { now })).json())).toEqual([twoDaysLate]);
    expect(ids((await s.run(['followup', '--all', '--json'], { now })).json())).toHaveLength(6);
  });

  it('leaves out done follow-ups and those of archived relations', async () => {
    const [done, kept] = seedDue('2026-11-24T10:00', '2026-11-24T11:00');
    const archived = seedAsk(s.db, { relation: 'Bram Kok', referees: ['Lotte Jansen'], askedAt: local('2026-11-20T09:00'), dueAt: local('2026-11-24T09:00') });
    expect((await s.run(['followup', 'done', String(done)], { now })).code).toBe(0);
    expect((await s.run(['relation', 'archive', 'Bram Kok'], { now })).code).toBe(0);
    expect(ids((await s.run(['followup', '--all', '--json'], { now })).json())).toEqual([kept]);
    expect(ids((await s.run(['followup', '--json'], { now })).json())).not.toContain(archived.followupId);
    // --check counts the overdue ones without them: kept is overdue, Bram's is not counted
    expect((await s.run(['followup', '--check'], { now })).stderr).toMatch(/^error: 1 follow-up is overdue$/m);
    expect((await s.run(['followup', 'done', String(kept)], { now })).code).toBe(0);
    expect((await s.run(['followup', '--check'], { now })).code).toBe(0);
  });

  it('prints tab-separated lines in a pipe and an aligned table with red overdue rows on a terminal', async () => {
    seedDue('2026-11-23T10:00', '2026-11-25T15:30');
    const pipe = await s.run(['followup'], { now });
    expect(pipe.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'))).toEqual([
      ['1', 'Mon 2026-11-23 10:00', '2 days late', '15', 'Sanne Visser', '1', 'Pieter de Groot 0, Anna Smit 0', 'agenda 0'],
      ['2', 'Wed 2026-11-25 15:30', 'due 15:30', '15', 'Sanne Visser', '2', 'Pieter de Groot 1, Anna Smit 1', 'agenda 1'],
    ]);
    expect(pipe.stdout).not.toMatch(/\x1b\[/);

    const tty = await s.run(['followup'], { now, tty: true, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    const lines = tty.stdout.split('\n');
    expect(lines[0]).toMatch(/ID.*DUE.*STATUS.*RELATION.*REFEREES.*AGENDA/);
    expect(lines[1]).toContain('\x1b[31m2 days late');
    expect(lines[2]).toContain('due 15:30');
    expect(lines[2]).not.toContain('\x1b[31m');
  });

  it('creates no database when there is none yet (a shell prompt may run it first)', async () => {
    const r = await s.run(['followup', '--check'], { now });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(existsSync(s.db)).toBe(false);
  });

  it('says so on stderr, with stdout empty, when nothing is due', async () => {
    seedDue('2026-11-27T10:00');
    const r = await s.run(['followup'], { now });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toMatch(/Nothing overdue or due today/);
    expect((await s.run(['followup', '--json'], { now })).json()).toEqual([]);
  });

  it('--check exits 3 when something is overdue and 0 when things are merely due', async () => {
    seedDue('2026-11-25T10:30');
    const due = await s.run(['followup', '--check'], { now });
    expect(due.code).toBe(0);
    expect(due.stdout).toContain('due 10:30');

    const later = await s.run(['followup', '--check'], { now: local('2026-11-25T10:31') });
    expect(later.code).toBe(3);
    expect(later.stdout).toContain('overdue since 10:30');
    expect(later.stderr).toMatch(/1 follow-up is overdue/);
    // in any window, and with --json the document is still printed whole
    const json = await s.run(['followup', '--check', '--on', '2026-12-24', '--json'], { now: local('2026-11-25T10:31') });
    expect(json.code).toBe(3);
    expect(json.json()).toEqual([]);
  });

  it('refuses conflicting windows and bad values with exit 2', async () => {
    for (const args of [
      ['followup', '--on', 'tomorrow', '--all'],
      ['followup', '--upcoming', '3', '--all'],
      ['followup', '--upcoming', '-1'],
      ['followup', '--upcoming', 'soon'],
      ['followup', '--on', 'someday'],
    ]) {
      const r = await s.run(args, { now });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect((await s.run(['followup', '--on', 'someday'], { now })).stderr).toMatch(/--on: cannot read "someday" as a date/);
  });
});

describe('refer followup add', () => {
  // Friday 27 November 2026, 15:00 local.
  const friday = local('2026-11-27T15:00');
  const add = async (when: string, ...flags: string[]) => s.run(['followup', 'add', 'Sanne Visser', when, ...flags, '--json'], { now: friday });

  beforeEach(async () => {
    await s.run(['relation', 'add', 'Sanne Visser'], { now });
  });

  it('books a follow-up from a phrase or ISO; a default never lands on a weekend, a named day is kept', async () => {
    const cases: Array<[string, string]> = [
      ['in 1 day', '2026-11-30T10:00'], // Saturday → Monday
      ['10:00', '2026-11-30T10:00'], // tomorrow 10:00 is a Saturday → Monday
      ['next week', '2026-12-04T10:00'],
      ['tuesday', '2026-12-01T10:00'],
      ['saturday 11:00', '2026-11-28T11:00'], // named: kept
      ['tomorrow', '2026-11-28T10:00'], // named: kept
      ['2026-12-01T16:45', '2026-12-01T16:45'],
    ];
    for (const [when, expected] of cases) {
      const r = await add(when);
      expect(r.code, when).toBe(0);
      expect(r.json().dueAt, when).toBe(local(expected).toISOString());
    }
    const withNote = (await add('2026-12-02', '--minutes', '30', '--note', 'Ask about Pieter')).json();
    expect(withNote).toMatchObject({ relation: { name: 'Sanne Visser' }, durationMinutes: 30, note: 'Ask about Pieter', askId: null, overdue: false, referees: [] });
    expect(withNote.dueAt).toBe(local('2026-12-02T10:00').toISOString());
    expect((await add('2026-12-02', '--minutes', '480')).code).toBe(0);
  });

  it('refuses a bad WHEN, a past WHEN, a bad --minutes and an unknown relation, booking nothing', async () => {
    const before = snapshot(s.db);
    const cases: Array<[string[], RegExp]> = [
      [['Sanne Visser', 'someday'], /cannot read "someday" as a date or time; try e\.g\./],
      [['Sanne Visser', 'tomorrow 25:00'], /cannot read "tomorrow 25:00"/],
      [['Sanne Visser', '2026-11-20T10:00'], /"2026-11-20T10:00" \(Fri 2026-11-20 10:00\) is in the past/],
      [['Sanne Visser', 'tomorrow', '--minutes', '0'], /--minutes.*1 to 480/],
      [['Sanne Visser', 'tomorrow', '--minutes', '481'], /--minutes.*1 to 480/],
      [['Sanne Visser', 'tomorrow', '--minutes', 'lots'], /--minutes/],
      [['Nobody', 'tomorrow'], /no relation named "Nobody"/],
    ];
    for (const [args, message] of cases) {
      const r = await s.run(['followup', 'add', ...args], { now: friday });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(snapshot(s.db)).toBe(before);
  });
});

describe('daylight saving time', () => {
  it('keeps 10:00 local for "in 3 days" booked before the March change, in the listing and the calendar', async () => {
    await s.run(['relation', 'add', 'Sanne Visser'], { now });
    const fridayWinter = local('2027-03-26T09:00'); // CET, UTC+1
    const booked = (await s.run(['followup', 'add', 'Sanne Visser', 'in 3 days', '--json'], { now: fridayWinter })).json();
    expect(booked.dueAt).toBe('2027-03-29T08:00:00.000Z'); // Monday 10:00 CEST, UTC+2

    const mondaySummer = local('2027-03-29T09:00');
    const listed = await s.run(['followup'], { now: mondaySummer });
    expect(listed.stdout.split('\t').slice(1, 3)).toEqual(['Mon 2027-03-29 10:00', 'due 10:00']);
    const ics = await s.run(['followup', 'ics'], { now: mondaySummer });
    expect(ics.stdout).toContain('\r\nDTSTART:20270329T080000Z\r\n');
  });

  it('keeps the typed hour when snoozing across the October change', async () => {
    const [id] = seedDue('2026-10-23T16:30');
    const fridaySummer = local('2026-10-23T16:00'); // CEST
    const moved = (await s.run(['followup', 'snooze', String(id), 'monday 14:00', '--json'], { now: fridaySummer })).json();
    expect(moved.dueAt).toBe('2026-10-26T13:00:00.000Z'); // 14:00 CET
    const listed = (await s.run(['followup', '--json'], { now: local('2026-10-26T14:05') })).json();
    expect(listed[0]).toMatchObject({ id, overdue: true, label: 'overdue since 14:00' });
  });
});

describe('refer followup snooze', () => {
  it('moves an open follow-up forward', async () => {
    const [id] = seedDue('2026-11-24T10:00');
    const r = await s.run(['followup', 'snooze', String(id), 'tomorrow 9:30'], { now });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Moved follow-up 1 with Sanne Visser about Pieter de Groot 0, Anna Smit 0: Thu 2026-11-26 09:30, 15 min/);
    expect((await s.run(['followup', '--json'], { now })).json()).toEqual([]);
    expect((await s.run(['followup', '--on', 'tomorrow', '--json'], { now })).json()[0].dueAt).toBe(local('2026-11-26T09:30').toISOString());
  });

  it('refuses an unparseable or past WHEN, a done follow-up and an unknown id, changing nothing', async () => {
    const [open, done] = seedDue('2026-11-24T10:00', '2026-11-24T11:00');
    await s.run(['followup', 'done', String(done)], { now });
    const before = snapshot(s.db);
    const cases: Array<[string[], RegExp]> = [
      [[String(open), 'whenever'], /cannot read "whenever" as a date or time/],
      [[String(open), 'yesterday'], /is in the past/],
      [[String(open), '2026-11-25T09:00'], /"2026-11-25T09:00" \(Wed 2026-11-25 09:00\) is in the past/],
      [[String(done), 'tomorrow'], /follow-up 2 is done \(2026-11-25 10:00\); book a new one with `refer followup add 1 WHEN`/],
      [['99', 'tomorrow'], /no follow-up with id 99/],
      [['first', 'tomorrow'], /a follow-up is named by its id \(a number\), got "first"/],
    ];
    for (const [args, message] of cases) {
      const r = await s.run(['followup', 'snooze', ...args], { now });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(snapshot(s.db)).toBe(before);
  });
});

describe('refer followup done', () => {
  it('marks it done with a note; it leaves the listing and cannot be done twice', async () => {
    const [id] = seedDue('2026-11-24T10:00');
    const r = await s.run(['followup', 'done', String(id), '--note', 'She will mention us this week', '--json'], { now });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ id, doneAt: now.toISOString(), doneNote: 'She will mention us this week', overdue: false, moves: [] });
    expect((await s.run(['followup', '--all', '--json'], { now })).json()).toEqual([]);
    const again = await s.run(['followup', 'done', String(id)], { now });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/follow-up 1 is already done/);
  });

  it('--outcome moves every referral of its ask in the same step', async () => {
    const a = seedAsk(s.db, { relation: 'Sanne Visser', referees: ['Pieter de Groot', 'Anna Smit'], askedAt: local('2026-11-20T09:00'), dueAt: local('2026-11-24T10:00') });
    const r = await s.run(['followup', 'done', String(a.followupId), '--outcome', 'agreed'], { now });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('referral 1 Pieter de Groot (via Sanne Visser): asked → agreed on 2026-11-25 10:00');
    expect(r.stdout).toContain('referral 2 Anna Smit (via Sanne Visser): asked → agreed');
    const referrals = (await s.run(['relation', 'show', '1', '--json'], { now })).json().asks[0].referrals;
    expect(referrals.map((f: any) => [f.stage, f.history.map((h: any) => h.stage)])).toEqual([
      ['agreed', ['asked', 'agreed']],
      ['agreed', ['asked', 'agreed']],
    ]);
  });

  it('leaves the referrals alone without --outcome when there is no terminal to ask on', async () => {
    const a = seedAsk(s.db, { relation: 'Sanne Visser', referees: ['Pieter de Groot'], askedAt: local('2026-11-20T09:00'), dueAt: local('2026-11-24T10:00') });
    const r = await s.run(['followup', 'done', String(a.followupId)], { now, stdin: 'agreed\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('?');
    expect((await s.run(['relation', 'show', '1', '--json'], { now })).json().asks[0].referrals[0].stage).toBe('asked');
  });

  it('keeps the follow-up open when the outcome is refused, or has no referrals to move', async () => {
    const a = seedAsk(s.db, { relation: 'Sanne Visser', referees: ['Pieter de Groot', 'Anna Smit'], askedAt: local('2026-11-20T09:00'), dueAt: local('2026-11-24T10:00') });
    await s.run(['outcome', String(a.referralIds[0]), 'declined'], { now });
    const manual = (await s.run(['followup', 'add', 'Sanne Visser', 'tomorrow', '--json'], { now })).json();
    const before = snapshot(s.db);

    const refused = await s.run(['followup', 'done', String(a.followupId), '--outcome', 'agreed'], { now });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/follow-up 1 stays open: cannot move the referrals of ask 1 to agreed; nothing was changed:\n {2}referral 1 Pieter de Groot \(declined\): the referral was declined; moving it to agreed reopens it\n {2}pass --force/);
    const noAsk = await s.run(['followup', 'done', String(manual.id), '--outcome', 'agreed'], { now });
    expect(noAsk.code).toBe(2);
    expect(noAsk.stderr).toMatch(/belongs to no ask with referrals/);
    const unknownStage = await s.run(['followup', 'done', String(a.followupId), '--outcome', 'married'], { now });
    expect(unknownStage.code).toBe(2);
    expect(unknownStage.stderr).toMatch(/--outcome.*married.*Allowed choices are asked, agreed/);
    expect((await s.run(['followup', 'done', '42'], { now })).code).toBe(2);
    const forceAlone = await s.run(['followup', 'done', String(a.followupId), '--force'], { now });
    expect(forceAlone.code).toBe(2);
    expect(forceAlone.stderr).toMatch(/--force goes with --outcome STAGE/);
    expect(snapshot(s.db)).toBe(before);

    const forced = await s.run(['followup', 'done', String(a.followupId), '--outcome', 'agreed', '--force', '--json'], { now });
    expect(forced.code).toBe(0);
    expect(forced.json().moves.map((m: any) => [m.from, m.stage, m.forced])).toEqual([
      ['declined', 'agreed', true],
      ['asked', 'agreed', false],
    ]);
  });

  it('moves only the referrals still open when the others are at the stage already', async () => {
    const a = seedAsk(s.db, { relation: 'Sanne Visser', referees: ['Pieter de Groot', 'Anna Smit'], askedAt: local('2026-11-20T09:00'), dueAt: local('2026-11-24T10:00') });
    await s.run(['outcome', String(a.referralIds[0]), 'declined'], { now });
    const declinedToo = await s.run(['followup', 'done', String(a.followupId), '--outcome', 'declined', '--json'], { now });
    expect(declinedToo.code).toBe(0);
    expect(declinedToo.json()).toMatchObject({ moves: [{ referralId: a.referralIds[1], stage: 'declined' }], unchanged: [a.referralIds[0]] });
  });
});
