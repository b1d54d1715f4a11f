import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeStats } from '../../src/core/stats.js';
import { input, MARCH_FROM, MARCH_TO } from '../fixtures/stats.js';
import { seedStatsDb } from '../fixtures/stats-db.js';
import { refer } from '../support/bin.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const MARCH = ['--since', '2026-03-01', '--until', '2026-03-31'];

describe('refer stats, the built bin', () => {
  it('reports a stored history in --json exactly as computeStats does', () => {
    seedStatsDb(s.db);
    const r = refer(['stats', ...MARCH, '--by', 'channel', '--json'], s.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // the real clock is long past March, so every March follow-up is due in both
    const expected = computeStats(input, { from: MARCH_FROM, to: MARCH_TO, by: 'channel', now: new Date() });
    expect(report).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(report.funnel.asked).toBe(10);
    expect(report.nps.score).toBe(20);
  });

  it('prints plain key<TAB>value lines in a pipe, and CSV with --csv', () => {
    seedStatsDb(s.db);
    const plain = refer(['stats', ...MARCH], s.env);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^from\t2026-03-01\nto\t2026-03-31\nfunnel\.asked\t10\n/);
    const csv = refer(['stats', ...MARCH, '--by', 'template', '--csv'], s.env);
    expect(csv.stdout.split('\r\n').slice(0, 3)).toEqual([
      'template,label,asked,agreed,introduced,meeting,opportunity,won,declined,lost,agreedRate,introducedRate,meetingRate,opportunityRate,wonRate',
      'short-forward,short-forward,2,2,1,1,1,1,0,0,1,0.5,0.5,0.5,0.5',
      'value-focused,value-focused,8,5,4,3,2,1,2,2,0.625,0.5,0.375,0.25,0.125',
    ]);
  });

  it('answers an empty start with zeros and nulls, without creating a database', () => {
    const r = refer(['stats', '--json'], s.env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ from: null, to: null, funnel: { asked: 0, won: 0 }, rates: { won: null }, nps: { score: null } });
    expect(r.stdout).not.toMatch(/NaN/);
    expect(existsSync(s.db)).toBe(false);
  });

  it('refuses bad input with one line, exit 2 and no stack trace', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--since', '2026-04-01', '--until', '2026-03-01'], /^error: --since 2026-04-01 is after --until 2026-03-01\n$/],
      [['--by', 'week'], /argument 'week' is invalid/],
      [['--until', 'someday'], /^error: --until: cannot read "someday" as a date/],
    ];
    for (const [args, message] of cases) {
      const r = refer(['stats', ...args], s.env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('shows examples in its help', () => {
    const r = refer(['stats', '--help'], s.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--by <group>.*\(choices: "relation", "channel", "template", "month"\)/s);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ refer stats\n/);
  });
});
