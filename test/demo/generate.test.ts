import { describe, expect, it } from 'vitest';
import { PATH_STAGES, STAGES, type Stage } from '../../src/core/model.js';
import { type FitInput, icpFit } from '../../src/core/fit.js';
import { npsClass } from '../../src/core/nps.js';
import { applyMove, checkMove, type StageFields } from '../../src/core/stages.js';
import { openDb, type Db } from '../../src/db/open.js';
import { DEMO_SEED, generateDemo, relationCount } from '../../src/demo/generate.js';
import { DEMO_ICP } from '../../src/demo/people.js';
import { FailureError, UsageError } from '../../src/errors.js';

// A Tuesday morning in Amsterdam (vitest runs with TZ=Europe/Amsterdam).
const now = new Date('2026-11-24T09:00:00+01:00');

function demo(opts: { seed?: number; scale?: number } = {}): Db {
  const db = openDb(':memory:');
  generateDemo(db, { now, ...opts });
  return db;
}

const TABLES = ['profile', 'icp', 'relations', 'nps_answers', 'moments', 'connections', 'asks', 'referrals', 'referral_events', 'followups'];
const dump = (db: Db) => Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
const all = <T>(db: Db, sql: string) => db.prepare(sql).all() as T[];
const column = (db: Db, sql: string) => all<Record<string, unknown>>(db, sql).map((r) => Object.values(r)[0]);

describe('generateDemo', () => {
  it('is deterministic: the same seed gives the same database, another seed another one', () => {
    const a = dump(demo());
    expect(dump(demo())).toEqual(a);
    const b = dump(demo({ seed: DEMO_SEED + 1 }));
    expect(b.connections).not.toEqual(a.connections);
    expect(b.asks).not.toEqual(a.asks);
    // the stories of the demo stay; the networks around them change
    const names = (d: typeof a) => d.relations!.map((r) => (r as { name: string }).name);
    expect(names(b)).toEqual(names(a));
  });

  it('tells every part of the playbook: all stages, both languages, several channels, the whole ladder', () => {
    const db = demo();
    expect(column(db, 'SELECT count(*) FROM relations')).toEqual([12]);
    expect(new Set(column(db, 'SELECT stage FROM referrals'))).toEqual(new Set(STAGES));
    expect(new Set(column(db, 'SELECT lang FROM asks'))).toEqual(new Set(['en', 'nl']));
    expect(new Set(column(db, 'SELECT channel FROM asks'))).toEqual(new Set(['call', 'email', 'linkedin', 'video']));
    expect(new Set(column(db, 'SELECT kind FROM asks'))).toEqual(new Set(['referral', 'quote', 'review', 'event', 'beta']));
    expect(new Set(column(db, 'SELECT kind FROM relations'))).toEqual(new Set(['client', 'colleague', 'partner', 'friend', 'other']));
    // the asks go back about six months
    const oldest = column(db, 'SELECT min(asked_at) FROM asks')[0] as string;
    expect((now.getTime() - Date.parse(oldest)) / 86_400_000).toBeGreaterThan(150);

    const latest = all<{ score: number }>(db, 'SELECT score, max(answered_at) FROM nps_answers GROUP BY relation_id');
    expect(new Set(latest.map((a) => npsClass(a.score)))).toEqual(new Set(['promoter', 'passive', 'detractor']));
    expect(column(db, 'SELECT count(*) FROM relations WHERE id NOT IN (SELECT relation_id FROM nps_answers)')).toEqual([1]);
    expect(column(db, "SELECT count(*) FROM moments WHERE text LIKE '%chauffeurs%'")[0]).toBeGreaterThan(0); // Dutch, in their words

    const perRelation = column(db, 'SELECT count(*) FROM connections GROUP BY relation_id') as number[];
    expect(Math.min(...perRelation)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...perRelation)).toBeLessThanOrEqual(40);
    // the ICP fit varies from a full match to none, and a competitor's people are excluded
    const fits = all<FitInput>(db, 'SELECT title, company, industry, size, location FROM connections').map((c) => icpFit(c, DEMO_ICP));
    expect(fits.filter((f) => f.score === 100).length).toBeGreaterThan(20);
    expect(fits.filter((f) => !f.excluded && f.score < 30).length).toBeGreaterThan(20);
    expect(fits.filter((f) => f.excluded).length).toBeGreaterThan(0);
  });

  it('keeps follow-ups on time, late, overdue and upcoming', () => {
    const db = demo();
    const rows = all<{ dueAt: string; doneAt: string | null }>(db, 'SELECT due_at AS dueAt, done_at AS doneAt FROM followups');
    const day = (iso: string) => new Date(iso).toDateString();
    const t = now.getTime();
    const onTime = rows.filter((f) => f.doneAt && day(f.doneAt) === day(f.dueAt));
    const late = rows.filter((f) => f.doneAt && day(f.doneAt) !== day(f.dueAt));
    const overdue = rows.filter((f) => !f.doneAt && Date.parse(f.dueAt) < t);
    const upcoming = rows.filter((f) => !f.doneAt && Date.parse(f.dueAt) >= t);
    expect(onTime.length).toBeGreaterThan(5);
    expect(late.length).toBeGreaterThanOrEqual(2);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(upcoming.length).toBeGreaterThanOrEqual(2);
    for (const f of rows) if (f.doneAt) expect(Date.parse(f.doneAt)).toBeLessThanOrEqual(t);
  });

  it('moves every referral through the stage machine, with a history that replays to the stored row', () => {
    const db = demo({ scale: 3 });
    const referrals = all<StageFields & { id: number; askedAt: string; value: number | null }>(
      db,
      `SELECT id, stage, reached, asked_at AS askedAt, agreed_at AS agreedAt, introduced_at AS introducedAt, meeting_at AS meetingAt,
         opportunity_at AS opportunityAt, won_at AS wonAt, closed_at AS closedAt, value FROM referrals`,
    );
    const events = all<{ referralId: number; stage: Stage; at: string }>(db, 'SELECT referral_id AS referralId, stage, at FROM referral_events ORDER BY at, id');
    const history = new Map<number, typeof events>();
    for (const e of events) history.set(e.referralId, [...(history.get(e.referralId) ?? []), e]);
    expect(referrals.length).toBeGreaterThan(100);
    for (const r of referrals) {
      const [first, ...moves] = history.get(r.id)!;
      expect(first).toMatchObject({ stage: 'asked', at: r.askedAt });
      let row: StageFields = { stage: 'asked', reached: 'asked', agreedAt: null, introducedAt: null, meetingAt: null, opportunityAt: null, wonAt: null, closedAt: null };
      for (const e of moves) {
        expect(checkMove(row.stage, e.stage), `referral ${r.id}: ${row.stage} → ${e.stage}`).toEqual({ ok: true });
        expect(Date.parse(e.at)).toBeLessThanOrEqual(now.getTime());
        row = applyMove(row, e.stage, e.at);
      }
      const { id: _id, askedAt: _a, value, ...stored } = r;
      expect(stored).toEqual(row);
      if (r.stage === 'won') expect(value).toBeGreaterThan(0);
    }
    // skipped steps happen, and then take the date of the later one
    expect(column(db, "SELECT count(*) FROM referrals WHERE reached IN ('introduced', 'meeting', 'opportunity', 'won') AND agreed_at = introduced_at")[0]).toBeGreaterThan(0);
  });

  it('renders each ask from its template: their words, the connections named, a forward message for referrals', () => {
    const db = demo();
    const asks = all<{ id: number; kind: string; channel: string; lang: string; template: string; script: string; forward: string | null; name: string }>(
      db,
      'SELECT a.id, a.kind, a.channel, a.lang, a.template, a.script, a.forward, r.name FROM asks a JOIN relations r ON r.id = a.relation_id',
    );
    for (const a of asks) {
      expect(a.template).toBe(`${a.kind}/${a.channel}.${a.lang}`);
      expect(a.script).toContain(a.name.split(' ')[0]);
      expect(a.script).toContain('Eva'); // the rep, from the profile
      expect(a.forward !== null).toBe(a.kind === 'referral');
      if (a.forward) expect(a.script).toContain(a.forward);
      for (const c of column(db, `SELECT c.name FROM referrals f JOIN connections c ON c.id = f.connection_id WHERE f.ask_id = ${a.id}`)) {
        expect(a.script).toContain(c);
      }
      expect(a.script).not.toMatch(/\{\{|\u0001/);
    }
    const sanne = asks.find((a) => a.name === 'Sanne Visser' && a.kind === 'referral')!;
    expect(sanne.script).toContain('“We hebben de aanbesteding van de gemeente Zwolle gewonnen, mede dankzij jullie ritplanning.”');
  });

  it('grows linearly with the scale, and relation i is the same at every scale', () => {
    expect(relationCount(1)).toBe(12);
    expect(relationCount(1000)).toBe(19_992);
    const small = dump(demo());
    const db = demo({ scale: 20 });
    const big = dump(db);
    expect(big.relations!.slice(0, 12)).toEqual(small.relations);
    const n = relationCount(20);
    expect(big.relations).toHaveLength(n);
    // the averages the benchmark scale relies on: 15 connections and 5 asks per relation, about 3 referrals per ask, a follow-up per ask
    const per = (table: string) => big[table]!.length / n;
    expect(per('connections')).toBeGreaterThan(12);
    expect(per('connections')).toBeLessThan(18);
    expect(per('asks')).toBeGreaterThan(4);
    expect(per('asks')).toBeLessThan(6);
    expect(big.referrals!.length / big.asks!.length).toBeGreaterThan(2.5);
    expect(big.referrals!.length / big.asks!.length).toBeLessThan(3.5);
    expect(big.followups!.length / big.asks!.length).toBeGreaterThan(0.95);
    expect(big.followups!.length / big.asks!.length).toBeLessThan(1.15);
    // random relations still have unique LinkedIn addresses within a network
    expect(column(db, 'SELECT count(*) FROM (SELECT 1 FROM connections GROUP BY relation_id, linkedin HAVING count(*) > 1)')).toEqual([0]);
    expect(new Set(PATH_STAGES.filter((s) => column(db, `SELECT count(*) FROM referrals WHERE reached = '${s}'`)[0]))).toEqual(new Set(PATH_STAGES));
  });

  it('goes only into an empty database, and refuses a bad seed or scale', () => {
    const db = demo();
    expect(() => generateDemo(db, { now })).toThrow(FailureError);
    const fresh = openDb(':memory:');
    expect(() => generateDemo(fresh, { now, scale: 0.5 })).toThrow(UsageError);
    expect(() => generateDemo(fresh, { now, seed: -1 })).toThrow(UsageError);
    expect(() => generateDemo(fresh, { now, seed: 1.5 })).toThrow(/seed/);
    expect(column(fresh, 'SELECT count(*) FROM relations')).toEqual([0]);
  });
});
