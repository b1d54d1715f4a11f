import { existsSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeStats } from '../../src/core/stats.js';
import { openDb } from '../../src/db/open.js';
import { insertAsk } from '../../src/db/repos/asks.js';
import { insertConnection } from '../../src/db/repos/connections.js';
import { insertRelation } from '../../src/db/repos/relations.js';
import { input, MARCH_FROM, MARCH_TO, NOW } from '../fixtures/stats.js';
import { seedStatsDb } from '../fixtures/stats-db.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const MARCH = ['--since', '2026-03-01', '--until', '2026-03-31'];
const stats = (args: string[], opts: { tty?: boolean } = {}) => s.run(['stats', ...args], { now: NOW, ...opts });
const csvRows = (text: string) => parse(text, { columns: true }) as Array<Record<string, string>>;

describe('refer stats --json on a stored history', () => {
  beforeEach(() => seedStatsDb(s.db));

  it('reads exactly the fixture: the report equals computeStats on the hand-built rows', async () => {
    const r = await stats([...MARCH, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.json()).toEqual(JSON.parse(JSON.stringify(computeStats(input, { from: MARCH_FROM, to: MARCH_TO, now: NOW }))));
  });

  it('gives the figures worked out by hand (test/core/stats.test.ts explains each)', async () => {
    const report = (await stats([...MARCH, '--json'])).json();
    expect(report.from).toBe('2026-03-01');
    expect(report.to).toBe('2026-03-31');
    // lost after a meeting counts up to meeting; the win that skipped three stages counts for all
    expect(report.funnel).toEqual({ asked: 10, agreed: 7, introduced: 5, meeting: 4, opportunity: 3, won: 2, declined: 2, lost: 2 });
    expect(report.rates).toEqual({ agreed: 0.7, introduced: 0.5, meeting: 0.4, opportunity: 0.3, won: 0.2 });
    expect(report.steps).toEqual({
      askedToAgreed: 7 / 10,
      agreedToIntroduced: 5 / 7,
      introducedToMeeting: 4 / 5,
      meetingToOpportunity: 3 / 4,
      opportunityToWon: 2 / 3,
    });
    expect(report.counts.won).toMatchObject({ count: 2, of: 10, text: '2/10' });
    // odd count (1.5, 2, 3, 4, 25.5 → 3); even (0, 1.5, 7, 10 → 4.25 → 4.3; 25.5, 28 → 26.75 → 26.8)
    expect(report.medianDays).toEqual({ askToIntro: 3, introToMeeting: 4.3, askToWon: 26.8 });
    expect(report.followups).toEqual({ due: 5, doneOnTime: 2, overdue: 1 });
  });

  it('scores NPS on each current relation’s latest answer: 10,10,9,9,9,8,7,6,3,0 give +20', async () => {
    // Ada's older 3 and archived Karin Vos's 0 do not count
    const report = (await stats(['--json'])).json();
    expect(report.nps).toEqual({ score: 20, promoters: 5, passives: 2, detractors: 3, responses: 10 });
    // Eva, a promoter, was asked for a review, not for a referral
    expect(report.promoterAskRate).toEqual({ asked: 4, promoters: 5, rate: 0.8 });
    expect(report.benchmarks.find((b: { key: string }) => b.key === 'npsThreshold')).toMatchObject({ yours: 20, verdict: 'below' });
  });

  it('leaves out what other kinds of asks named, and counts everything without a period', async () => {
    // twelve referral referrals; the contact of Ada's quote ask (won) is not one of them
    const report = (await stats(['--json'])).json();
    expect(report).toMatchObject({ from: null, to: null });
    expect(report.funnel).toMatchObject({ asked: 12, won: 4 });
    expect(report.followups).toEqual({ due: 7, doneOnTime: 2, overdue: 3 });
  });

  it('counts an ask made late on the --until day and early on the --since day, not just outside', async () => {
    const lastDay = (await stats(['--since', '2026-03-31', '--until', '2026-03-31', '--json'])).json();
    expect(lastDay.funnel).toMatchObject({ asked: 1, introduced: 1 }); // 23:30 local; 00:30 on 1 April is out
    const firstDay = (await stats(['--since', '2026-03-01', '--until', '2026-03-01', '--json'])).json();
    expect(firstDay.funnel).toMatchObject({ asked: 1, declined: 1, won: 0 }); // 00:30 local; 28 Feb 23:30 is out
    const april = (await stats(['--since', '2026-04-01', '--json'])).json();
    expect(april).toMatchObject({ from: '2026-04-01', to: null, funnel: { asked: 1, won: 1 } });
  });

  it('groups by channel, relation, template and month', async () => {
    const rows = async (by: string, period = MARCH) =>
      (await stats([...period, '--by', by, '--json'])).json().groups.map((g: any) => [g.key, g.label, g.funnel.asked, g.funnel.agreed, g.funnel.won]);
    expect(await rows('channel')).toEqual([
      ['email', 'email', 2, 2, 1],
      ['call', 'call', 4, 3, 1],
      ['linkedin', 'linkedin', 4, 2, 0],
    ]);
    expect(await rows('relation')).toEqual([
      ['1', 'Ada Vermeer', 5, 4, 2],
      ['3', 'Cleo Marchetti', 1, 1, 0],
      ['2', 'Bram Olsen', 3, 2, 0],
      ['4', 'Dmitri Falk', 1, 0, 0],
    ]);
    expect(await rows('template')).toEqual([
      ['short-forward', 'short-forward', 2, 2, 1],
      ['value-focused', 'value-focused', 8, 5, 1],
    ]);
    expect(await rows('month', [])).toEqual([
      ['2026-02', '2026-02', 1, 1, 1],
      ['2026-03', '2026-03', 10, 7, 2],
      ['2026-04', '2026-04', 1, 1, 1],
    ]);
    const byChannel = (await stats([...MARCH, '--by', 'channel', '--json'])).json();
    expect(byChannel.notes).toEqual(['Only 2 asks for email: too few to tell whether one channel works better than another.']);
  });
});

describe('refer stats on a terminal, in a pipe, as CSV', () => {
  beforeEach(() => seedStatsDb(s.db));

  it('draws the funnel as bars with counts, and benchmarks with ranges and verdicts in words', async () => {
    const r = await stats([...MARCH, '--by', 'channel'], { tty: true });
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Referral stats, 2026-03-01 to 2026-03-31');
    const asked = out.split('\n').find((l) => l.trimStart().startsWith('asked '))!;
    const won = out.split('\n').find((l) => l.trimStart().startsWith('won '))!;
    // 40 columns without a known width: the asks fill it, the wins a fifth of it
    expect(asked).toMatch(/█{40}\s+10$/);
    expect(won).toMatch(/ █{8} +2 +2\/10 20% +2\/3 67%$/);
    expect(out).toMatch(/then declined 2 · lost 2/);
    expect(out).toMatch(/ask → intro 3 d · intro → meeting 4\.3 d · ask → won 26\.8 d/);
    expect(out).toMatch(/5 due: 2\/5 done on time \(40%\) · 1 overdue/);
    expect(out).toMatch(/\+20 from 10 relations: 5 promoters, 2 passives, 3 detractors/);
    expect(out).toMatch(/won ÷ asked +2\/10 20% \(6–51%\)\n +above +2% +Average referral conversion \(Dutch referral-marketing guide\)/);
    expect(out).toMatch(/can't tell yet +87% +Customers willing to refer when a seller asks/);
    expect(out).toMatch(/email +2 +2\/2 100% \(34–100%\) .* 1\/2 50% \(9–91%\)/);
    expect(out).toMatch(/• Only 2 asks for email: too few to tell/);
    expect(out).not.toMatch(/NaN|undefined|\u001b\[/);
  });

  it('scales the bars to the terminal width', async () => {
    const { PassThrough } = await import('node:stream');
    const { main } = await import('../../src/cli.js');
    let out = '';
    const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    stdout.on('data', (d) => (out += d));
    const stdin = new PassThrough();
    stdin.end();
    await main(['stats', ...MARCH], { stdin, stdout, stderr: new PassThrough() }, s.env, () => NOW);
    const asked = out.split('\n').find((l) => l.trimStart().startsWith('asked '))!;
    expect(asked).toMatch(/ █{30} +10$/); // 80 columns leave 30 for the bar
  });

  it('prints key<TAB>value lines in a pipe', async () => {
    const r = await stats([...MARCH, '--by', 'channel']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.every((l) => l.split('\t').length === 2)).toBe(true);
    expect(lines).toEqual(
      expect.arrayContaining([
        'from\t2026-03-01',
        'funnel.asked\t10',
        'rates.won\t0.2',
        'medianDays.introToMeeting\t4.3',
        'followups.doneOnTime\t2',
        'nps.score\t20',
        'benchmarks.referralConversion.verdict\tabove',
        'benchmarks.naturalPromoters.yours\t',
        'groups.email.funnel.won\t1',
        'note\tOnly 2 asks for email: too few to tell whether one channel works better than another.',
      ]),
    );
    expect(r.stdout).not.toMatch(/\u001b\[|█/);
  });

  it('writes one CSV row per group, or one for the period', async () => {
    const byRelation = await stats([...MARCH, '--by', 'relation', '--csv']);
    expect(byRelation.code).toBe(0);
    expect(byRelation.stdout).toMatch(/^relation,label,asked,agreed,introduced,meeting,opportunity,won,declined,lost,agreedRate,introducedRate,meetingRate,opportunityRate,wonRate\r\n/);
    const rows = csvRows(byRelation.stdout);
    expect(rows[0]).toMatchObject({ relation: '1', label: 'Ada Vermeer', asked: '5', agreed: '4', won: '2', lost: '1', declined: '1', agreedRate: '0.8', wonRate: '0.4' });
    expect(rows.map((x) => x.label)).toEqual(['Ada Vermeer', 'Cleo Marchetti', 'Bram Olsen', 'Dmitri Falk']);

    const period = csvRows((await stats([...MARCH, '--csv'])).stdout);
    expect(period).toEqual([
      expect.objectContaining({ period: '2026-03-01..2026-03-31', label: '2026-03-01 to 2026-03-31', asked: '10', won: '2', wonRate: '0.2', introducedRate: '0.5' }),
    ]);
  });

  it('makes a name that looks like a formula harmless in the CSV', async () => {
    const db = openDb(s.db);
    const id = insertRelation(db, { name: '=HYPERLINK("http://evil.example","Ada")' }, NOW);
    const conn = insertConnection(db, id, { name: 'Someone', title: null, company: null, industry: null, size: null, location: null, linkedin: null, email: null, connectedOn: null }, 'manual', NOW);
    insertAsk(db, { relationId: id, channel: 'call', kind: 'referral', template: '@template', lang: 'en', askedAt: new Date('2026-03-20T10:00:00Z'), script: '…', forward: null, connectionIds: [conn] }, NOW);
    db.close();
    const rows = csvRows((await stats([...MARCH, '--by', 'relation', '--csv'])).stdout);
    expect(rows.map((x) => x.label)).toContain('\'=HYPERLINK("http://evil.example","Ada")');
    const templates = csvRows((await stats([...MARCH, '--by', 'template', '--csv'])).stdout);
    expect(templates.map((x) => x.template)).toContain("'@template");
  });
});

describe('refer stats on an empty database', () => {
  it('welcomes on a terminal and creates no database', async () => {
    const r = await stats([], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No asks yet — `refer ask` drafts your first.');
    expect(r.stdout).not.toMatch(/NaN|undefined|null/);
    expect(existsSync(s.db)).toBe(false);
  });

  it('gives zeros and nulls in --json, and empty values in a pipe', async () => {
    const report = (await stats(['--json'])).json();
    expect(report.funnel).toEqual({ asked: 0, agreed: 0, introduced: 0, meeting: 0, opportunity: 0, won: 0, declined: 0, lost: 0 });
    expect(Object.values(report.rates).every((v) => v === null)).toBe(true);
    expect(report.medianDays).toEqual({ askToIntro: null, introToMeeting: null, askToWon: null });
    expect(report.nps).toEqual({ score: null, promoters: 0, passives: 0, detractors: 0, responses: 0 });
    expect(report.groups).toEqual([]);
    const pipe = await stats(['--by', 'month']);
    expect(pipe.stdout).toContain('rates.won\t\n');
    expect(pipe.stdout).not.toMatch(/NaN/);
    const csv = csvRows((await stats(['--csv'])).stdout);
    expect(csv).toEqual([expect.objectContaining({ period: '..', label: 'all time', asked: '0', wonRate: '' })]);
  });

  it('says so when the period holds no asks but others exist', async () => {
    seedStatsDb(s.db);
    const r = await stats(['--since', '2025-01-01', '--until', '2025-01-31'], { tty: true });
    expect(r.stdout).not.toContain('No asks yet');
    expect(r.stdout).not.toContain('Funnel');
    expect(r.stdout).toContain('• No referrals were asked in this period.');
  });
});

describe('refer stats refuses bad input with exit 2', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--since', '2026-04-01', '--until', '2026-03-01'], /--since 2026-04-01 is after --until 2026-03-01/],
    [['--by', 'colour'], /argument 'colour' is invalid. Allowed choices are relation, channel, template, month/],
    [['--since', 'the day after never'], /--since: cannot read "the day after never" as a date/],
    [['--until', '2026-13-45'], /--until: cannot read "2026-13-45" as a date/],
    [['--csv', '--json'], /--csv and --json/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const r = await stats(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }
});
