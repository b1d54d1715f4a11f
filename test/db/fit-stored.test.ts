// The stored ICP fit (migration 003_fit) gives what scoring every connection on every read gave:
// the same scores, reasons and order, whatever wrote the rows and however the ICP changed since.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitScorer, icpFit } from '../../src/core/fit.js';
import type { Icp } from '../../src/core/model.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { openDb, type Db } from '../../src/db/open.js';
import { importConnections, insertConnection, listConnections, type ConnectionFields } from '../../src/db/repos/connections.js';
import { rankComputed, rankedConnections, rescoreAll, type RankOptions } from '../../src/db/repos/fit.js';
import { EMPTY_ICP, getIcp, saveIcp } from '../../src/db/repos/profile.js';
import { generateDemo } from '../../src/demo/generate.js';

const NOW = new Date('2026-11-25T09:00:00.000Z');

// the ICP and the people of test/core/fit.test.ts
const ICP: Icp = {
  industries: ['logistics', 'transport'],
  titles: ['CFO', 'Head of Finance', 'owner'],
  minSize: 50,
  maxSize: 500,
  regions: ['NL', 'Belgium'],
  excludeCompanies: ['Acme', 'Kroonhof Groep'],
};
const person = (name: string, fields: Partial<ConnectionFields>): ConnectionFields => ({
  name,
  title: null,
  company: null,
  industry: null,
  size: null,
  location: null,
  linkedin: null,
  email: null,
  connectedOn: null,
  ...fields,
});
const PEOPLE: ConnectionFields[] = [
  person('Anna de Vries', { title: 'Chief Financial Officer', company: 'Van Dijk Transport B.V.', industry: 'Transportation/Trucking/Railroad', size: 120, location: 'Amsterdam Area, Netherlands' }),
  person('Bram Peeters', { title: 'Eigenaar', company: 'Peeters Koeltransport', industry: 'Logistics', size: 12, location: 'Gent, België' }),
  person('Carla Brink', { title: 'Hoofd Finance & Control', company: 'Brink', industry: 'Logistics & Supply Chain', location: 'Hamburg, Germany' }),
  person('Dirk Kok', { title: 'Finance Manager', company: 'Kok', industry: 'Retail', size: 200, location: 'Berlin, Germany' }),
  person('Eva Shop', { title: 'VP Marketing', company: 'Shop', industry: 'Retail', size: 5000, location: 'Paris, France' }),
  person('Femke Ship', { title: 'Executive Assistant', company: 'Ship', industry: 'Maritime', size: 900, location: 'Hamburg' }),
  person('Gert Acme', { title: 'CFO', company: 'ACME b.v.', industry: 'Logistics', size: 100, location: 'Rotterdam, Netherlands' }),
  // names whose order is easy to get wrong: case, accents, the same name twice, and characters
  // where UTF-16 order and code point order part ways (astral, U+FF21 fullwidth)
  person('émile Roux', { title: 'CFO', company: 'Roux Transport', industry: 'Logistics', size: 80, location: 'Utrecht, NL' }),
  person('Emile Roux', { title: 'CFO', company: 'Roux Logistiek', industry: 'Logistics', size: 80, location: 'Utrecht, NL' }),
  person('Emile Roux', { title: 'CFO', company: 'Roux Logistiek', industry: 'Logistics', size: 80, location: 'Utrecht, NL', linkedin: 'https://www.linkedin.com/in/emile-roux-2' }),
  person('𝒜nna Zee', { title: 'CFO', company: 'Zee Transport', industry: 'Logistics', size: 80, location: 'Utrecht, NL' }),
  person('Ａnna Zee', { title: 'CFO', company: 'Zee Cargo', industry: 'Logistics', size: 80, location: 'Utrecht, NL' }),
  person('Zoë Zee', { title: 'CFO', company: 'Zee Cargo 2', industry: 'Logistics', size: 80, location: 'Utrecht, NL' }),
  person('zoe zee', { title: 'CFO', company: 'Zee Cargo 3', industry: 'Logistics', size: 80, location: 'Utrecht, NL' }),
];

const ORDERS: RankOptions[] = [
  {},
  { order: 'fit', minScore: 50, limit: 10 },
  { order: 'fit', limit: 3 },
  { order: 'shortlist' },
  { order: 'score' },
  { order: 'name' },
];

let dir: string;
let db: Db;
let relations: number[];
let fixture: number;

/** Every relation, every order: what is stored and read equals what is computed. */
function expectSameAsComputed(d: Db = db, ids = relations) {
  const icp = getIcp(d) ?? EMPTY_ICP;
  for (const id of ids) {
    for (const opts of ORDERS) {
      const computed = rankComputed(listConnections(d, id), icp, opts);
      expect(rankedConnections(d, id, opts), `relation ${id} ${JSON.stringify(opts)}`).toEqual(computed);
    }
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'refer-fit-'));
  db = openDb(join(dir, 'refer.db'));
  generateDemo(db, { scale: 3, now: NOW });
  fixture = Number(db.prepare("INSERT INTO relations (name, created_at, updated_at) VALUES ('Fixture Relation', ?, ?)").run(NOW.toISOString(), NOW.toISOString()).lastInsertRowid);
  importConnections(db, fixture, PEOPLE, 'linkedin', NOW);
  db.prepare('UPDATE connections SET shortlisted_at = ? WHERE relation_id = ? AND name IN (?, ?)').run(NOW.toISOString(), fixture, 'Dirk Kok', 'Emile Roux');
  relations = db.prepare('SELECT id FROM relations ORDER BY id').pluck().all() as number[];
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the stored fit', () => {
  it('scores as icpFit does, and a remembering scorer too', () => {
    const score = fitScorer(ICP);
    for (const p of [...PEOPLE, ...PEOPLE]) expect(score(p)).toEqual(icpFit(p, ICP));
  });

  it('gives the scores, reasons and order of scoring on every read, on the demo and the fixtures', () => {
    expectSameAsComputed();
    saveIcp(db, ICP, NOW);
    rescoreAll(db, ICP);
    expectSameAsComputed();
    // the fixtures: the best fits, in the order the old code gave (pinned: ties broken by the
    // shortlist, then by name with case and accents aside, then by the code units of the name)
    const names = rankedConnections(db, fixture, { order: 'fit' }).map((c) => `${c.fit.score} ${c.shortlisted ? '★' : ''}${c.name}`);
    // (𝒜, astral, before Ａ, U+FF21, as JavaScript orders them: SQLite's code point order would not)
    expect(names.slice(0, 8)).toEqual(['100 ★Emile Roux', '100 Anna de Vries', '100 émile Roux', '100 Zoë Zee', '100 zoe zee', '100 𝒜nna Zee', '100 Ａnna Zee', '85 Bram Peeters']);
  });

  it('follows an ICP changed behind its back (a restore, another refer), and rows written without a fit', () => {
    saveIcp(db, { ...ICP, titles: ['owner'] }, NOW); // not re-scored: the stamp no longer matches
    expectSameAsComputed();
    db.prepare("INSERT INTO connections (relation_id, name, title, source, created_at, updated_at) VALUES (?, 'Hanna Vos', 'Owner', 'manual', ?, ?)").run(fixture, NOW.toISOString(), NOW.toISOString());
    db.prepare("UPDATE connections SET title = 'CFO', size = 300 WHERE relation_id = ? AND name = 'Bram Peeters'").run(fixture);
    expectSameAsComputed(db, [fixture]);
  });

  it('re-scores what an import or `connection add` changes', () => {
    saveIcp(db, ICP, NOW);
    rescoreAll(db, ICP);
    importConnections(db, fixture, [person('Dirk Kok', { title: 'CFO', company: 'Kok', industry: 'Logistics', size: 200, location: 'Utrecht, NL' })], 'csv', NOW);
    insertConnection(db, fixture, person('Ilse Maas', { title: 'Owner', company: 'Maas Transport', industry: 'Transport', size: 60 }), 'manual', NOW);
    expectSameAsComputed(db, [fixture]);
    // Dirk Kok now fits fully, and is on the shortlist: first among equals
    expect(rankedConnections(db, fixture, { order: 'fit', limit: 2 }).map((c) => c.name)).toEqual(['Dirk Kok', 'Emile Roux']);
  });

  it('scores an older database on first read, and a read-only one in memory', () => {
    const path = join(dir, 'old.db');
    const raw = new Database(path);
    for (const sql of MIGRATIONS.slice(0, MIGRATIONS.indexOf(MIGRATIONS.find((m) => m.includes('fit_icp'))!))) raw.exec(sql);
    raw.pragma(`user_version = ${MIGRATIONS.findIndex((m) => m.includes('fit_icp'))}`);
    const at = NOW.toISOString();
    raw.prepare("INSERT INTO relations (id, name, created_at, updated_at) VALUES (1, 'Old Relation', ?, ?)").run(at, at);
    const insert = raw.prepare("INSERT INTO connections (relation_id, name, title, company, industry, size, location, source, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, 'linkedin', ?, ?)");
    for (const p of PEOPLE) insert.run(p.name, p.title, p.company, p.industry, p.size, p.location, at, at);
    raw.prepare("INSERT INTO icp (id, industries, titles, min_size, max_size, regions, exclude_companies, updated_at) VALUES (1, ?, ?, 50, 500, ?, ?, ?)").run(
      JSON.stringify(ICP.industries), JSON.stringify(ICP.titles), JSON.stringify(ICP.regions), JSON.stringify(ICP.excludeCompanies), at,
    );
    raw.close();

    // read-only: nothing can be stored, so the fits are computed (the same)
    const migrated = openDb(path);
    migrated.close();
    chmodSync(path, 0o400);
    const ro = openDb(path);
    expect(ro.readonly).toBe(true);
    expectSameAsComputed(ro, [1]);
    ro.close();
    chmodSync(path, 0o600);

    const old = openDb(path);
    expect(old.prepare('SELECT count(*) FROM connections WHERE fit IS NULL').pluck().get()).toBe(PEOPLE.length);
    expectSameAsComputed(old, [1]);
    expect(old.prepare('SELECT count(*) FROM connections WHERE fit IS NULL').pluck().get()).toBe(0);
    old.close();
  });
});

describe('refer icp set', () => {
  it('re-scores the stored fits, so that connection list ranks by the new ICP at once', async () => {
    const { sandbox } = await import('../support/run.js');
    const s = sandbox();
    try {
      const demo = openDb(s.db);
      generateDemo(demo, { now: NOW });
      demo.close();
      const list = async () => (await s.run(['connection', 'list', '1', '--json'], { now: NOW })).json() as Array<{ name: string; fit: { score: number; reasons: string[] } }>;
      const before = await list();
      expect((await s.run(['icp', 'set', '--titles', 'sales director', '--regions', 'Germany'], { now: NOW })).code).toBe(0);
      const d = openDb(s.db);
      const stale = d.prepare('SELECT count(*) FROM connections WHERE fit IS NULL').pluck().get();
      const computed = rankComputed(listConnections(d, 1), getIcp(d)!, {});
      d.close();
      expect(stale).toBe(0);
      const after = await list();
      expect(after).toEqual(JSON.parse(JSON.stringify(computed)));
      expect(after).not.toEqual(before);
    } finally {
      s.cleanup();
    }
  });

  it('tells its progress every few thousand rows', () => {
    const seen: Array<[number, number]> = [];
    rescoreAll(db, ICP, (done, total) => seen.push([done, total]));
    const total = db.prepare('SELECT count(*) FROM connections').pluck().get() as number;
    expect(seen.at(-1)).toEqual([total, total]);
  });
});
