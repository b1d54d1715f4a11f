// The SQL aggregation of `refer stats` (src/db/repos/stats.ts) must give exactly the report that
// computeStats (src/core/stats.ts) gives over the same rows: on the hand-built fixture and on a
// seeded demo, for all time, a period and every --by.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GROUP_BYS } from '../../src/core/model.js';
import { assembleStats, computeStats, statsPeriod, type StatsInput, type StatsOptions, type StatsReferral } from '../../src/core/stats.js';
import { type Db, openDb } from '../../src/db/open.js';
import { loadStatsAggregate } from '../../src/db/repos/stats.js';
import { generateDemo } from '../../src/demo/generate.js';
import { MARCH_FROM, MARCH_TO, NOW } from '../fixtures/stats.js';
import { seedStatsDb } from '../fixtures/stats-db.js';

const dir = mkdtempSync(join(tmpdir(), 'refer-stats-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every row computeStats reads, loaded plainly (the way `refer stats` used to). */
function rowsOf(db: Db): StatsInput {
  const referrals = db
    .prepare(
      `SELECT r.id, r.ask_id AS askId, a.relation_id AS relationId, rel.name AS relationName, a.channel, a.template,
         r.asked_at AS askedAt, r.stage, r.reached, r.introduced_at AS introducedAt, r.meeting_at AS meetingAt, r.won_at AS wonAt
       FROM referrals r JOIN asks a ON a.id = r.ask_id JOIN relations rel ON rel.id = a.relation_id WHERE a.kind = 'referral'`,
    )
    .all() as StatsReferral[];
  return {
    referrals,
    followups: db.prepare('SELECT due_at AS dueAt, done_at AS doneAt FROM followups').all() as StatsInput['followups'],
    latestNps: db
      .prepare(
        `SELECT r.id AS relationId, n.score FROM relations r JOIN nps_answers n ON n.id =
           (SELECT m.id FROM nps_answers m WHERE m.relation_id = r.id ORDER BY m.answered_at DESC, m.id DESC LIMIT 1)
         WHERE r.archived_at IS NULL`,
      )
      .all() as StatsInput['latestNps'],
    askedRelationIds: db.prepare(`SELECT DISTINCT relation_id FROM asks WHERE kind = 'referral'`).pluck().all() as number[],
  };
}

function fromSql(db: Db, opts: StatsOptions) {
  return JSON.parse(JSON.stringify(assembleStats(loadStatsAggregate(db, statsPeriod(opts.from, opts.to), opts.now, opts.by), opts)));
}

function fromRows(input: StatsInput, opts: StatsOptions) {
  return JSON.parse(JSON.stringify(computeStats(input, opts)));
}

const BYS = [undefined, ...GROUP_BYS];

describe('on the hand-built fixture', () => {
  const path = join(dir, 'fixture.db');
  seedStatsDb(path);
  const db = openDb(path);
  afterAll(() => db.close());
  const input = rowsOf(db);

  it.each(BYS)('equals computeStats over the rows, all time and March, --by %s', (by) => {
    for (const period of [{ from: null, to: null }, { from: MARCH_FROM, to: MARCH_TO }, { from: MARCH_TO, to: MARCH_TO }]) {
      const opts = { ...period, by, now: NOW };
      expect(fromSql(db, opts)).toEqual(fromRows(input, opts));
    }
  });
});

describe('on a seeded demo (scale 3)', () => {
  const now = new Date('2026-11-25T16:00:00.000Z');
  const db = openDb(join(dir, 'demo.db'));
  generateDemo(db, { seed: 7, scale: 3, now });
  afterAll(() => db.close());
  const input = rowsOf(db);

  it('has a history that crosses the October daylight-saving change', () => {
    expect(input.referrals.length).toBeGreaterThan(100);
    expect(input.referrals.some((r) => r.askedAt < '2026-10-25')).toBe(true);
  });

  it.each(BYS)('equals computeStats over the rows, all time and since 1 September, --by %s', (by) => {
    for (const period of [{ from: null, to: null }, { from: new Date(2026, 8, 1), to: new Date(2026, 9, 31) }]) {
      const opts = { ...period, by, now };
      expect(fromSql(db, opts)).toEqual(fromRows(input, opts));
    }
  });
});
