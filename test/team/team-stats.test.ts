// `refer team stats` against a real PostgreSQL server: three reps, each with their own demo
// database (a different sample each), join and sync; the team's funnel computed by PostgreSQL must
// be the sum of the reps' own `refer stats` (computed by SQLite), in total, per rep (counts and
// median durations alike), per template, per channel and per month, and for a period.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refer, referOk, type BinResult } from '../support/bin.js';
import { addRep, teamServer, type TeamServer } from '../support/team.js';
import { STAGES } from '../../src/core/model.js';
import type { StatsReport } from '../../src/core/stats.js';

let server: TeamServer;
const dirs: string[] = [];

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'refer-tstats-'));
  dirs.push(d);
  return d;
}

interface Rep {
  role: string;
  name: string;
  env: Record<string, string | undefined>;
  run(args: string[]): BinResult;
  stats(args?: string[]): StatsReport;
}

async function newRep(base: string, name: string, seed: number): Promise<Rep> {
  const role = server.role(base);
  const password = `pw-${role}`;
  const url = await addRep(server, role, password);
  const home = tmp();
  const db = join(home, 'refer.db');
  const env = { HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), REFER_DB: db, PGPASSWORD: password, PATH: process.env.PATH, TZ: 'Europe/Amsterdam', NO_COLOR: '1' };
  // the demo refuses to write into REFER_DB (a rep's own data): made first, then used as REFER_DB
  referOk(['demo', '--db', db, '--seed', String(seed), '--force'], { ...env, REFER_DB: undefined });
  referOk(['team', 'join', url, '--name', name], env);
  return {
    role,
    name,
    env,
    run: (args) => refer(args, env),
    stats: (args = []) => JSON.parse(referOk(['stats', ...args, '--json'], env).stdout),
  };
}

let reps: Rep[];
const team = (args: string[] = []): StatsReport => JSON.parse(referOk(['team', 'stats', ...args, '--json'], reps[0]!.env).stdout);

beforeAll(async () => {
  server = await teamServer();
  referOk(['team', 'setup', server.url], { PATH: process.env.PATH, HOME: tmp() });
  reps = [await newRep('ria', 'Ria Kok', 3), await newRep('sam', 'Sam Prins', 11), await newRep('tom', 'Tom Blom', 29)];
  for (const r of reps) referOk(['team', 'sync'], r.env);
}, 180_000);

afterAll(async () => {
  await server?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Funnel = StatsReport['funnel'];
const sum = (funnels: Funnel[]): Funnel => Object.fromEntries(STAGES.map((s) => [s, funnels.reduce((n, f) => n + f[s], 0)])) as Funnel;

/** Each group's funnel summed over the reps' own reports grouped the same way. */
function summedGroups(reports: StatsReport[]): Record<string, Funnel> {
  const out: Record<string, Funnel[]> = {};
  for (const r of reports) for (const g of r.groups) (out[g.key] ??= []).push(g.funnel);
  return Object.fromEntries(Object.entries(out).map(([k, fs]) => [k, sum(fs)]));
}

const byKey = (r: StatsReport) => Object.fromEntries(r.groups.map((g) => [g.key, g.funnel]));

describe('refer team stats', () => {
  it('is the sum of the reps’ own stats, in the shape of refer stats', () => {
    const own = reps.map((r) => r.stats());
    expect(own.every((r) => r.funnel.asked > 0)).toBe(true);
    const t = team();
    expect(t.funnel).toEqual(sum(own.map((r) => r.funnel)));
    expect(Object.keys(t).sort()).toEqual(Object.keys(own[0]!).sort());
    expect(t.counts.won.of).toBe(t.funnel.asked);
    // the NPS and the promoter ask rate: every rep's latest answers, promoters and promoters asked
    expect(t.promoterAskRate.promoters).toBe(own.reduce((n, r) => n + r.promoterAskRate.promoters, 0));
    expect(t.promoterAskRate.asked).toBe(own.reduce((n, r) => n + r.promoterAskRate.asked, 0));
    expect(t.nps.responses).toBe(own.reduce((n, r) => n + r.nps.responses, 0));
    expect(t.notes).toContain('Follow-ups are not shared with the team: each rep sees their own in `refer stats`.');
  });

  it('per rep: each rep’s counts and median durations, as their own refer stats gives them', () => {
    const t = team(['--by', 'rep']);
    expect(t.groups.some((g) => g.medianDays.askToIntro !== null && g.medianDays.askToWon !== null)).toBe(true);
    expect(t.groups.map((g) => g.key).sort()).toEqual(reps.map((r) => r.role).sort());
    for (const rep of reps) {
      const own = rep.stats();
      const g = t.groups.find((x) => x.key === rep.role)!;
      expect(g.label).toBe(rep.name);
      expect(g.funnel).toEqual(own.funnel);
      expect(g.medianDays).toEqual(own.medianDays);
      expect(g.counts).toEqual(own.counts);
    }
  });

  it('per template, per channel and per month: the sum of the reps’ groups', () => {
    for (const by of ['template', 'channel', 'month']) {
      const own = reps.map((r) => r.stats(['--by', by]));
      expect(byKey(team(['--by', by])), by).toEqual(summedGroups(own));
    }
  });

  it('for a period: the asks of those days only, as each rep counts them', () => {
    const period = ['--since', '4 months ago', '--until', '1 month ago'];
    const own = reps.map((r) => r.stats(period));
    const t = team(period);
    expect(t.funnel).toEqual(sum(own.map((r) => r.funnel)));
    expect(t.from).toBe(own[0]!.from);
    expect(t.to).toBe(own[0]!.to);
    expect(byKey(team([...period, '--by', 'template']))).toEqual(summedGroups(reps.map((r) => r.stats([...period, '--by', 'template']))));
  });

  it('writes CSV one row per group, and plain lines in a pipe', () => {
    const csv = referOk(['team', 'stats', '--by', 'rep', '--csv'], reps[1]!.env).stdout.trim().split(/\r?\n/);
    expect(csv[0]).toMatch(/^rep,label,asked,agreed/);
    expect(csv).toHaveLength(1 + reps.length);
    expect(referOk(['team', 'stats'], reps[2]!.env).stdout).toMatch(/asked/i);
  });

  it('a bad period or group is a usage error (exit 2)', () => {
    for (const args of [['--by', 'relation'], ['--since', 'not a date at all'], ['--since', '2026-03-01', '--until', '2026-01-01'], ['--csv', '--json']]) {
      const r = reps[0]!.run(['team', 'stats', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('is a usage error outside a team', () => {
    const home = tmp();
    const r = refer(['team', 'stats'], { HOME: home, REFER_DB: join(home, 'r.db'), PATH: process.env.PATH });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not in a team/);
  });
});
