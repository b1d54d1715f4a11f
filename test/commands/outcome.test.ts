import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAGES, type Stage } from '../../src/core/model.js';
import { seedAsk, snapshot } from '../support/followup-seed.js';
import { type Sandbox, sandbox } from '../support/run.js';

const local = (text: string) => new Date(text);
// Wednesday 25 November 2026, 10:00 local; the asks below were made on Friday 20 November at 09:00.
const now = local('2026-11-25T10:00');
const askedAt = local('2026-11-20T09:00');

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

function ask(referees = ['Pieter de Groot', 'Anna Smit', 'Kees Bos']) {
  return seedAsk(s.db, { relation: 'Sanne Visser', referees, askedAt, dueAt: local('2026-11-23T10:00') });
}

const history = async (referralId: number) => {
  const asks = (await s.run(['relation', 'show', 'Sanne Visser', '--json'], { now })).json().asks as any[];
  return asks.flatMap((a) => a.referrals).find((f: any) => f.id === referralId);
};

/** y: allowed · f: refused unless --force · n: refused even with --force. Rows: from; columns: to, in STAGES order. */
const RULES: Record<Stage, string> = {
  //          asked agreed introduced meeting opportunity won declined lost
  asked: '      n     y      y          y       y           y   y        n',
  agreed: '     f     n      y          y       y           y   n        y',
  introduced: ' f     f      n          y       y           y   n        y',
  meeting: '    f     f      f          n       y           y   n        y',
  opportunity: 'f     f      f          f       n           y   n        y',
  won: '        f     f      f          f       f           n   n        n',
  declined: '   f     f      f          f       f           f   n        n',
  lost: '       f     f      f          f       f           f   n        n',
};

/** The moves that bring a fresh referral from asked to `stage`. */
const ROUTE: Record<Stage, Stage[]> = {
  asked: [],
  agreed: ['agreed'],
  introduced: ['introduced'],
  meeting: ['meeting'],
  opportunity: ['opportunity'],
  won: ['won'],
  declined: ['declined'],
  lost: ['agreed', 'lost'],
};

describe('refer outcome: the stage rules, through the command', () => {
  it('allows, refuses with a --force hint, or refuses outright every move as the playbook says', async () => {
    const seen: string[] = [];
    for (const from of STAGES) {
      const row = RULES[from].trim().split(/\s+/);
      expect(row).toHaveLength(STAGES.length);
      for (const [i, to] of STAGES.entries()) {
        const [referral] = ask([`${from} to ${to}`]).referralIds;
        const id = String(referral);
        for (const step of ROUTE[from]) expect((await s.run(['outcome', id, step], { now })).code).toBe(0);
        const plain = await s.run(['outcome', id, to], { now });
        const label = `${from} → ${to}`;
        const rule = row[i];
        if (rule === 'y') {
          expect(plain.code, label).toBe(0);
          expect((await history(referral!)).stage, label).toBe(to);
        } else {
          expect(plain.code, label).toBe(2);
          expect(plain.stderr, label).toMatch(new RegExp(`^error: cannot move referral ${id} to ${to}: `));
          expect(plain.stderr.includes('pass --force'), label).toBe(rule === 'f');
          const forced = await s.run(['outcome', id, to, '--force', '--json'], { now });
          expect(forced.code, label).toBe(rule === 'f' ? 0 : 2);
          if (rule === 'f') expect(forced.json().moves[0], label).toMatchObject({ from, stage: to, forced: true });
        }
        seen.push(`${label}:${rule}`);
      }
    }
    expect(seen).toHaveLength(64);
  });

  it('explains the refusals in plain words', async () => {
    const [a, b] = ask().referralIds;
    expect((await s.run(['outcome', String(a), 'lost'], { now })).stderr).toMatch(/only a referral that was agreed can be lost; if the relation said no, record declined/);
    await s.run(['outcome', String(b), 'won'], { now });
    const back = await s.run(['outcome', String(b), 'meeting'], { now });
    expect(back.stderr).toBe(
      `error: cannot move referral ${b} to meeting: the referral is won; moving it to meeting reopens it\n  pass --force to do it anyway (the history keeps the forced move)\n`,
    );
  });
});

describe('refer outcome: history, date, value and note', () => {
  it('keeps every change with its date, value and note; skipped stages take the later date', async () => {
    const [id] = ask().referralIds;
    const ref = String(id);
    expect((await s.run(['outcome', ref, 'agreed', '--date', '2026-11-21T16:00', '--note', 'Mention my name: fine'], { now })).code).toBe(0);
    const r = await s.run(['outcome', ref, 'meeting', '--date', 'yesterday', '--value', '12000.50'], { now }); // a day: its start
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`referral ${id} Pieter de Groot (via Sanne Visser): agreed → meeting on 2026-11-24 (value 12000.5)\n`);
    const h = await history(id!);
    expect(h).toMatchObject({ stage: 'meeting', value: 12000.5 });
    expect(h.history).toEqual([
      { stage: 'asked', at: askedAt.toISOString(), value: null, note: null },
      { stage: 'agreed', at: local('2026-11-21T16:00').toISOString(), value: null, note: 'Mention my name: fine' },
      { stage: 'meeting', at: local('2026-11-24T00:00').toISOString(), value: 12000.5, note: null },
    ]);
    // the time between stages stays computable: introduced, skipped, takes the meeting's date
    const db = (await import('../../src/db/open.js')).openDb(s.db);
    const row = db.prepare('SELECT introduced_at, meeting_at, reached FROM referrals WHERE id = ?').get(id) as Record<string, string>;
    db.close();
    expect(row).toEqual({ introduced_at: local('2026-11-24T00:00').toISOString(), meeting_at: local('2026-11-24T00:00').toISOString(), reached: 'meeting' });

    const shown = (await s.run(['relation', 'show', 'Sanne Visser'], { now })).stdout;
    expect(shown).toContain(`referral ${id}  Pieter de Groot: meeting  value 12000.5`);
    expect(shown).toContain('asked 2026-11-20 → agreed 2026-11-21 → meeting');
  });

  it('accepts a --date without a time on the day of the last change, as that moment', async () => {
    const [id] = ask().referralIds;
    const r = await s.run(['outcome', String(id), 'agreed', '--date', '2026-11-20', '--json'], { now });
    expect(r.code).toBe(0);
    expect(r.json().moves[0].at).toBe(askedAt.toISOString());
  });

  it('refuses a future, unreadable or too early --date, a negative --value, an unknown stage or referral, changing nothing', async () => {
    const [id] = ask().referralIds;
    await s.run(['outcome', String(id), 'agreed', '--date', '2026-11-22T10:00'], { now });
    const before = snapshot(s.db);
    const ref = String(id);
    const cases: Array<[string[], RegExp]> = [
      [[ref, 'introduced', '--date', '2026-11-26'], /--date 2026-11-26 is in the future/],
      [[ref, 'introduced', '--date', 'tomorrow 9:00'], /in the future/],
      [[ref, 'introduced', '--date', 'the other day'], /--date: cannot read "the other day" as a date/],
      [[ref, 'introduced', '--date', '2026-11-21'], /--date 2026-11-21 is before its latest change \(agreed on 2026-11-22 10:00\)/],
      [[ref, 'introduced', '--date', '2026-11-22T09:59'], /before its latest change/],
      [[ref, 'introduced', '--value', '-5'], /--value.*expected an amount of 0 or more/],
      [[ref, 'introduced', '--value=-0.01'], /--value.*expected an amount of 0 or more/],
      [[ref, 'introduced', '--value', 'lots'], /--value/],
      [[ref, 'married'], /unknown stage "married"; one of asked, agreed, introduced, meeting, opportunity, won, declined, lost/],
      [['99', 'agreed'], /no referral with id 99/],
      [['Pieter', 'agreed'], /a referral is named by its id \(a number\), got "Pieter"/],
      [[ref], /missing REFERRAL and STAGE/],
      [[], /missing REFERRAL and STAGE/],
    ];
    for (const [args, message] of cases) {
      const r = await s.run(['outcome', ...args], { now });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(snapshot(s.db)).toBe(before);
  });

  it('reads the stage in any case', async () => {
    const [id] = ask().referralIds;
    expect((await s.run(['outcome', String(id), 'Agreed', '--json'], { now })).json().moves[0].stage).toBe('agreed');
  });
});

describe('refer outcome --ask', () => {
  it('moves every referral of the ask in one go', async () => {
    const a = ask();
    const r = await s.run(['outcome', '--ask', String(a.askId), 'agreed', '--note', 'all fine', '--json'], { now });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ ask: { id: a.askId }, unchanged: [] });
    expect(r.json().moves.map((m: any) => [m.referralId, m.from, m.stage, m.note])).toEqual(a.referralIds.map((id) => [id, 'asked', 'agreed', 'all fine']));
  });

  it('moves nothing when one move is refused, and lists the refusals', async () => {
    const a = ask();
    const [p, anna] = a.referralIds;
    await s.run(['outcome', String(p), 'meeting'], { now });
    await s.run(['outcome', String(anna), 'won'], { now });
    const before = snapshot(s.db);
    const r = await s.run(['outcome', '--ask', String(a.askId), 'introduced'], { now });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      `error: cannot move the referrals of ask ${a.askId} to introduced; nothing was changed:`,
      `  referral ${p} Pieter de Groot (meeting): the referral is already at meeting, which comes after introduced; going back undoes its progress`,
      `  referral ${anna} Anna Smit (won): the referral is won; moving it to introduced reopens it`,
      '  pass --force to do it anyway (the history keeps the forced moves)',
      '',
    ]);
    const declined = await s.run(['outcome', '--ask', String(a.askId), 'declined', '--force'], { now });
    expect(declined.code).toBe(2);
    expect(declined.stderr).not.toMatch(/pass --force/);
    expect(snapshot(s.db)).toBe(before);

    const forced = await s.run(['outcome', '--ask', String(a.askId), 'introduced', '--force', '--json'], { now });
    expect(forced.json().moves.map((m: any) => [m.from, m.forced])).toEqual([
      ['meeting', true],
      ['won', true],
      ['asked', false],
    ]);
  });

  it('leaves referrals already at the stage as they are', async () => {
    const a = ask();
    await s.run(['outcome', String(a.referralIds[0]), 'agreed'], { now });
    const r = await s.run(['outcome', '--ask', String(a.askId), 'agreed'], { now });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/referral 1 Pieter de Groot is already at agreed; left as it is/);
    const all = await s.run(['outcome', '--ask', String(a.askId), 'agreed'], { now });
    expect(all.code).toBe(2);
    expect(all.stderr).toMatch(/every referral of ask 1 is already at agreed/);
  });

  it('refuses an unknown ask, a non-numeric one and a stray referral id', async () => {
    ask();
    const cases: Array<[string[], RegExp]> = [
      [['--ask', '9', 'agreed'], /no ask with id 9/],
      [['--ask', 'latest', 'agreed'], /an ask is named by its id/],
      [['--ask', '1', '2', 'agreed'], /with --ask give only the STAGE/],
      [['--ask', '1'], /missing STAGE/],
    ];
    for (const [args, message] of cases) {
      const r = await s.run(['outcome', ...args], { now });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
