import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ASK_NOW_LIMIT, LIST_LIMIT, WAITING_DAYS } from '../../src/commands/today.js';
import { openDb } from '../../src/db/open.js';
import { generateDemo } from '../../src/demo/generate.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

// Tuesday 24 November 2026, 09:00 in Amsterdam (vitest runs with TZ=Europe/Amsterdam).
const now = new Date('2026-11-24T09:00:00+01:00');

/** The demo (seed 1) made at `now`, as the database of every later run. */
async function withDemo(): Promise<string[]> {
  const db = join(s.dir, 'demo.db');
  expect((await s.run(['demo', '--db', db], { now })).code).toBe(0);
  return ['--db', db];
}

describe('refer today', () => {
  it('lists the overdue and due follow-ups, who to ask now and why, and the referrals waiting too long', async () => {
    const on = await withDemo();
    const r = await s.run(['today', ...on, '--json'], { now });
    expect(r.code).toBe(0);
    const t = r.json();

    expect(t.followups.map((f: any) => [f.id, f.relation.name, f.label, f.overdue])).toEqual([
      [6, 'Joris de Wit', '4 days late', true],
      [11, 'Lars Henriksen', '1 day late', true],
      [7, 'Mehmet Yılmaz', 'due 14:00', false],
    ]);
    expect(t.followups[0]).toMatchObject({ askId: 6, note: 'Ask Joris whether he has introduced the two people he agreed to' });

    expect(t.askNow.map((a: any) => [a.id, a.name, a.why])).toEqual([
      [1, 'Sanne Visser', ['promoter (NPS 10)', 'fresh moment 2 days ago: “Onze chauffeurs zijn weer op tijd thuis, en dat merk je aan…”', 'last asked 119 days ago']],
      [2, 'Tom Peeters', ['promoter (NPS 9)', 'fresh moment 7 days ago: “Dankzij de nieuwe routes halen we elke ochtend alle leverin…”', 'not asked yet']],
      [3, 'Priya Raman', ['promoter (NPS 10)', 'last asked 45 days ago']],
      [8, 'Fatima El Amrani', ['promoter (NPS 9)', 'last asked 59 days ago']],
    ]);
    // the next step: ask about the shortlist, or choose the people first
    expect(t.askNow[0]).toMatchObject({ readiness: 93, shortlisted: 6, next: 'refer ask 1' });
    expect(t.askNow[1].next).toBe('refer connection list 2 --fit --limit 10   then   refer connection pick 2 ID...');

    // asked or agreed more than 14 days ago, the longest waiting first; Mehmet's five (asked 5 days ago) are not late yet
    expect(t.waiting.map((w: any) => [w.id, w.connection.name, w.relation.name, w.stage, w.days])).toEqual([
      [23, 'Katharina Schäfer', 'Claire Dubois', 'agreed', 65],
      [15, 'Tunde Okafor', 'Joris de Wit', 'asked', 24],
      [12, 'Beatriz Pereira', 'Joris de Wit', 'agreed', 21],
      [13, 'Xiu Huang', 'Joris de Wit', 'agreed', 21],
    ]);

    // this month: Mehmet's five referrals, still unanswered
    expect(t.month).toMatchObject({ from: '2026-11-01', to: '2026-11-30', funnel: { asked: 5, agreed: 0, won: 0, declined: 0, lost: 0 }, rates: { agreed: 0, won: 0 } });
  });

  it('moves with the clock: later that day the call is overdue, and a referral passes the 14 days', async () => {
    const on = await withDemo();
    const later = new Date('2026-11-24T15:00:00+01:00');
    const t = (await s.run(['today', ...on, '--json'], { now: later })).json();
    expect(t.followups.find((f: any) => f.id === 7)).toMatchObject({ overdue: true, label: 'overdue since 14:00' });
    const weekOn = new Date('2026-12-01T09:00:00+01:00');
    const w = (await s.run(['today', ...on, '--json'], { now: weekOn })).json();
    expect(w.waiting.filter((x: any) => x.relation.name === 'Mehmet Yılmaz')).toHaveLength(0);
    const fortnight = new Date('2026-12-04T09:00:00+01:00');
    const f = (await s.run(['today', ...on, '--json'], { now: fortnight })).json();
    expect(f.waiting.filter((x: any) => x.relation.name === 'Mehmet Yılmaz').map((x: any) => x.stage)).toEqual(['asked', 'asked', 'asked', 'asked', 'asked']);
    expect(f.month).toMatchObject({ from: '2026-12-01', funnel: { asked: 0 }, rates: { agreed: null } });
  });

  it('prints sections a person reads at a glance, and leaves archived relations out', async () => {
    const on = await withDemo();
    const r = await s.run(['today', ...on], { now, tty: true });
    expect(r.stdout).toContain('Today, Tuesday 24 November 2026');
    expect(r.stdout).toMatch(/Follow-ups due \(3\)\n\s+6 {2}4 days late\s+Joris de Wit · Ask Joris/);
    expect(r.stdout).toMatch(/Worth asking now \(4\)\n\s+1 {2}Sanne Visser \(Visser Transport\) · readiness 93\n\s+promoter \(NPS 10\), fresh moment/);
    expect(r.stdout).toMatch(/Waiting more than 14 days \(4\)\n\s+23 {2}Katharina Schäfer via Claire Dubois: agreed 65 days ago, not introduced yet/);
    expect(r.stdout).toContain('This month (November): 5 asked · 0 agreed · 0 introduced · 0 meetings · 0 opportunities · 0 won; 0 declined, 0 lost');

    expect((await s.run(['relation', 'archive', 'Joris de Wit', ...on], { now })).code).toBe(0);
    const t = (await s.run(['today', ...on, '--json'], { now })).json();
    expect(t.followups.map((f: any) => f.relation.name)).not.toContain('Joris de Wit');
    expect(t.waiting.map((w: any) => w.relation.name)).toEqual(['Claire Dubois']);
  });

  it('is a digest on a large base: the first ten of each list, with how many there are in all', async () => {
    const path = join(s.dir, 'large.db');
    const db = openDb(path);
    generateDemo(db, { now, scale: 10 });
    db.close();
    const t = (await s.run(['today', '--db', path, '--json'], { now })).json();
    expect(t.totals.waiting).toBeGreaterThan(LIST_LIMIT);
    expect(t.waiting).toHaveLength(LIST_LIMIT);
    const days = t.waiting.map((w: any) => w.days);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(days.at(-1)).toBeGreaterThan(WAITING_DAYS - 1);
    expect(t.totals.askNow).toBeGreaterThan(ASK_NOW_LIMIT);
    expect(t.askNow).toHaveLength(ASK_NOW_LIMIT);
    expect(t.followups.length).toBe(Math.min(LIST_LIMIT, t.totals.followups));
    const text = (await s.run(['today', '--db', path], { now })).stdout;
    expect(text).toContain(`Waiting more than 14 days (${t.totals.waiting})`);
    expect(text).toContain(`… and ${t.totals.waiting - LIST_LIMIT} more`);
    expect(text).toContain(`… and ${t.totals.askNow - ASK_NOW_LIMIT} more: refer relation list --ready`);
  });

  it('is what plain `refer` shows, in a pipe and on a terminal', async () => {
    const on = await withDemo();
    const today = await s.run(['today', ...on], { now });
    const plain = await s.run([...on], { now });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(today.stdout);
    expect((await s.run([...on, '--json'], { now })).json().askNow).toHaveLength(4);
    // a mistyped command stays an error, with a suggestion
    const typo = await s.run(['todya', ...on], { now });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown command 'todya'");
    expect(typo.stderr).toContain('today');
  });

  it('says how to start when nothing is set up, without making a database', async () => {
    for (const args of [['today'], []]) {
      const r = await s.run(args, { now, tty: true });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Nothing set up yet/);
      expect(r.stdout).toContain('refer init');
      expect(r.stdout).toContain('refer demo');
    }
    expect((await s.run(['today', '--json'], { now })).json()).toEqual({
      setUp: false,
      followups: [],
      askNow: [],
      waiting: [],
      totals: { followups: 0, askNow: 0, waiting: 0 },
      month: null,
    });
    expect(existsSync(s.db)).toBe(false);
    // once there is a profile, today has something to show (even if it is empty)
    await s.run(['init', '--no-input', '--name', 'Eva Jansen', '--value', 'fewer empty kilometres'], { now });
    const r = await s.run(['today'], { now });
    expect(r.stdout).toContain('Follow-ups due (0)');
    expect(r.stdout).toContain('This month (November): 0 asked');
  });
});

describe('refer today at scale', () => {
  it('picks the same relations to ask now as the readiness of every relation (its SQL pre-filter loses none)', async () => {
    const file = join(s.dir, 'scaled.db');
    const db = openDb(file);
    generateDemo(db, { seed: 11, scale: 40, now });
    db.close();
    const all = (await s.run(['relation', 'list', '--ready', '--db', file, '--json'], { now })).json();
    expect(all.length).toBeGreaterThan(ASK_NOW_LIMIT);
    const today = (await s.run(['today', '--db', file, '--json'], { now })).json();
    expect(today.totals.askNow).toBe(all.length);
    expect(today.askNow.map((r: { id: number }) => r.id)).toEqual(all.slice(0, ASK_NOW_LIMIT).map((r: { id: number }) => r.id));
  });
});
