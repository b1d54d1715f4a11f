// The stats queries must stay cheap on a long history (300,000 referrals): each reads an index
// range, never the rows of referrals, followups or asks (wide: scripts, notes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../src/db/open.js';
import { type StatsPeriod, statsSql } from '../../src/db/repos/stats.js';
import { seedStatsDb } from '../fixtures/stats-db.js';

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'refer-plans-'));
  seedStatsDb(join(dir, 'refer.db'));
  db = openDb(join(dir, 'refer.db'));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const START = '2026-02-28T23:00:00.000Z';
const END = '2026-03-31T22:00:00.000Z';
const PERIODS: Record<string, StatsPeriod> = {
  'a period': { start: START, end: END },
  '--since only': { start: START, end: null },
  '--until only': { start: null, end: END },
  'all time': { start: null, end: null },
};

function plan(sql: string, period: StatsPeriod): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...period, now: '2026-04-10T10:00:00.000Z', days: '[]', ids: '[]' }) as Array<{ detail: string }>;
  return rows.map((r) => r.detail);
}

describe.each(Object.entries(PERIODS))('the stats queries over %s', (_name, period) => {
  const sql = statsSql(period);

  it('never read a row of referrals, followups or asks, only their covering indexes', () => {
    for (const [name, text] of Object.entries(sql)) {
      for (const step of plan(text, period)) {
        expect(step, `${name}: ${step}`).not.toMatch(/^(SCAN|SEARCH) (referrals|followups|asks)\b(?!.*USING COVERING INDEX)/);
      }
    }
  });

  it('read the funnel in total from one range of referrals_funnel: no join, no sorting', () => {
    expect(plan(sql.total, period)).toEqual([expect.stringMatching(/^SEARCH r USING COVERING INDEX referrals_funnel \(ask_kind=\?( AND asked_at[<>]\?)*\)$/)]);
  });

  it('aggregate each referral ask’s referrals from referrals_stats, grouped in the order of an asks index (no sorting)', () => {
    for (const name of ['byrelation', 'bychannel', 'bytemplate'] as const) {
      const steps = plan(sql[name], period);
      expect(steps[0], name).toMatch(/^SEARCH a USING COVERING INDEX asks_kind\w* \(kind=\?\)$/);
      expect(steps[1], name).toMatch(/^SEARCH r USING COVERING INDEX referrals_stats \(ask_id=\?/);
      expect(steps.join('\n'), name).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('seek the follow-ups due in the period and not ahead of now, one range per local day for the on-time count', () => {
    expect(plan(sql.followups, period)).toEqual([expect.stringMatching(/^SEARCH followups USING COVERING INDEX followups_due \(due_at[<>]/)]);
    expect(plan(sql.doneOnTime, period)).toContainEqual('SEARCH f USING COVERING INDEX followups_due (due_at>? AND due_at<?)');
    expect(plan(sql.askedRelations, period)).toEqual(['SEARCH asks USING COVERING INDEX asks_kind (kind=?)']);
  });

  it('find each relation’s latest NPS answer by index, not by sorting', () => {
    const steps = plan(sql.latestNps, period);
    expect(steps).toContain('SEARCH m USING COVERING INDEX nps_answers_relation (relation_id=?)');
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
