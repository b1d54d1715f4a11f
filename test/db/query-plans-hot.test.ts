// The everyday commands (shell prompts run some of them) must stay fast on a large database:
// every query they run reads referrals, follow-ups, asks and connections through an index that
// answers it (a covering or a partial one, or a seek), never by reading all their rows.
// The queries are caught as the real commands run, so a new query is checked without listing it here.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open.js';
import { generateDemo } from '../../src/demo/generate.js';
import { type Sandbox, sandbox } from '../support/run.js';

const NOW = new Date('2026-11-25T09:00:00.000Z');

interface Query {
  sql: string;
  args: unknown[];
}

let s: Sandbox;
let db: Database.Database;
let relationId: number;
let shortlisted: number;

beforeAll(() => {
  s = sandbox();
  const demo = openDb(s.db);
  generateDemo(demo, { scale: 3, now: NOW });
  demo.close();
  db = new Database(s.db, { readonly: true });
  relationId = (db.prepare('SELECT relation_id AS id FROM connections GROUP BY relation_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }).id;
  shortlisted = db.prepare('SELECT relation_id FROM connections WHERE shortlisted_at IS NOT NULL LIMIT 1').pluck().get() as number;
});
afterAll(() => {
  db.close();
  s.cleanup();
});

/** Every statement that `refer args` runs (with its parameters), caught on better-sqlite3's Statement. */
async function queriesOf(args: string[], code = 0): Promise<Query[]> {
  return queriesDuring(async () => {
    const r = await s.run(args, { now: NOW });
    expect(r.code, r.stderr).toBe(code);
  });
}

/** Every SELECT that `work` runs, as queriesOf. */
async function queriesDuring(work: () => Promise<void> | void): Promise<Query[]> {
  const seen: Query[] = [];
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  const originals = Object.fromEntries(['all', 'get', 'iterate', 'run'].map((m) => [m, proto[m]!]));
  for (const [m, original] of Object.entries(originals)) {
    proto[m] = function (this: { source: string }, ...a: unknown[]) {
      seen.push({ sql: this.source, args: a });
      return original.apply(this, a);
    };
  }
  try {
    await work();
  } finally {
    Object.assign(proto, originals);
  }
  return seen.filter((q) => /^\s*(SELECT|WITH)\b/i.test(q.sql));
}

function plan(q: Query): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.args) as Array<{ detail: string }>).map((r) => r.detail);
}

// The names a table goes by in a query: its own, and its aliases ("referrals f", "followups AS fu").
function namesOf(table: string, sql: string): string[] {
  return [table, ...[...sql.matchAll(new RegExp(`\\b${table}\\s+(?:AS\\s+)?(?!ON\\b|WHERE\\b|JOIN\\b|INDEXED\\b)(\\w+)`, 'gi'))].map((m) => m[1]!)];
}

const partialIndexes = () =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql LIKE '%WHERE%'").all() as Array<{ name: string }>).map((r) => r.name);

/** Steps that read every row of one of these tables (a scan not answered by a covering or partial index). */
function fullReads(q: Query, tables: string[]): string[] {
  const partial = partialIndexes();
  const steps = plan(q);
  return tables.flatMap((table) => {
    const names = namesOf(table, q.sql);
    return steps.filter((step) => {
      const m = /^SCAN (\w+)(?: USING (COVERING )?INDEX (\w+))?/.exec(step);
      if (!m || !names.includes(m[1]!)) return false;
      return !(m[2] || (m[3] && partial.includes(m[3])));
    });
  });
}

// The tables that grow with the history. NPS answers and moments stay near one or two per
// relation, so reading them costs what reading the relations costs.
const HOT = ['referrals', 'followups', 'asks', 'connections', 'referral_events'];

describe.each<[string, string[], number?]>([
  ['refer relation list', ['relation', 'list']],
  ['refer relation list --ready', ['relation', 'list', '--ready']],
  ['refer followup', ['followup']],
  ['refer followup --upcoming 7', ['followup', '--upcoming', '7']],
  // the demo has overdue follow-ups: --check exits 3
  ['refer followup --on tomorrow --check', ['followup', '--on', 'tomorrow', '--check'], 3],
  ['refer today', ['today']],
  ['refer connection list REL --fit --limit 10', ['connection', 'list', 'REL', '--fit', '--limit', '10']],
  ['refer ask SHORTLISTED --dry-run --no-input', ['ask', 'SHORTLISTED', '--dry-run', '--no-input']],
  // shell completion, at every TAB
  ['refer __complete ask REL --to', ['__complete', 'ask', 'REL', '--to', '']],
  ['refer __complete followup done', ['__complete', 'followup', 'done', '']],
  ['refer __complete outcome', ['__complete', 'outcome', '']],
])('%s', (_name, args, code) => {
  it('reads no table of the history in full: only indexes that answer the query', async () => {
    const queries = await queriesOf(args.map((a) => (a === 'REL' ? String(relationId) : a === 'SHORTLISTED' ? String(shortlisted) : a)), code);
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) expect(fullReads(q, HOT), q.sql).toEqual([]);
  });
});

describe('refer connection list REL', () => {
  it("seeks the relation's connections instead of scanning all of them", async () => {
    const queries = await queriesOf(['connection', 'list', String(relationId), '--fit', '--limit', '10']);
    const steps = queries.filter((q) => /\bconnections\b/.test(q.sql)).flatMap(plan);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step).not.toMatch(/^SCAN /);
  });
});

describe('the stored ICP fit', () => {
  const listing = (queries: Query[]) => queries.filter((q) => /FROM connections WHERE relation_id = \?/.test(q.sql) && /ORDER BY/.test(q.sql));

  it('connection list --fit --limit 10 reads the best fits from connections_fit, in order: no sort, no other row', async () => {
    const queries = listing(await queriesOf(['connection', 'list', String(relationId), '--fit', '--limit', '10']));
    expect(queries).toHaveLength(1);
    const steps = plan(queries[0]!).join('\n');
    expect(steps).toMatch(/^SEARCH connections USING INDEX connections_fit \(relation_id=\? AND fit>\?\)$/);
    expect(steps).not.toMatch(/TEMP B-TREE/);
  });

  it('connection list --limit 10 (every fit) reads them in the same order from the same index', async () => {
    const queries = listing(await queriesOf(['connection', 'list', String(relationId), '--limit', '10']));
    expect(plan(queries[0]!).join('\n')).toMatch(/^SEARCH connections USING INDEX connections_fit \(relation_id=\?\)$/);
  });

  it("the ask's and the playbook's choices read the stored fits of the relation only, scoring nothing", async () => {
    const { connectionChoices } = await import('../../src/commands/connection/choices.js');
    const rw = openDb(s.db);
    try {
      for (const shortlistFirst of [true, false]) {
        const queries = listing(await queriesDuring(() => void connectionChoices(rw, relationId, { shortlistFirst })));
        expect(queries).toHaveLength(1);
        // the prompt lists the whole network: sorting what the index gives is all that is left
        for (const step of plan(queries[0]!)) expect(step).toMatch(/^(SEARCH connections USING INDEX connections_(fit|relation) \(relation_id=\?\)|USE TEMP B-TREE FOR (LAST \d+ TERMS OF )?ORDER BY)$/);
      }
    } finally {
      rw.close();
    }
  });

  it('finds the rows still to score with a seek, without reading the relation', async () => {
    const queries = (await queriesOf(['connection', 'list', String(relationId), '--fit', '--limit', '10'])).filter((q) => /fit IS NULL/.test(q.sql));
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) expect(plan(q).join('\n')).toMatch(/^SEARCH connections USING COVERING INDEX connections_fit \(relation_id=\? AND fit=\?\)$/);
  });
});

describe('the shortlist', () => {
  it('is read from the index of shortlisted connections, by id or by name, never from the whole network', async () => {
    const { shortlistOf } = await import('../../src/db/repos/connections.js');
    for (const order of ['id', 'name'] as const) {
      const queries = await queriesDuring(() => void shortlistOf(db, relationId, order));
      expect(queries).toHaveLength(1);
      expect(plan(queries[0]!).join('\n')).toMatch(/^SEARCH connections USING INDEX connections_shortlisted \(relation_id=\?\)/);
    }
  });
});

describe('refer followup', () => {
  it('seeks only the open follow-ups up to the end of today, not the whole backlog ahead', async () => {
    const queries = await queriesOf(['followup']);
    const listing = queries.find((q) => /FROM followups fu JOIN relations/.test(q.sql) && /ORDER BY/.test(q.sql));
    expect(listing && plan(listing).join('\n')).toMatch(/SEARCH fu USING INDEX followups_open_due \(due_at<\?\)/);
  });
});

describe('refer relation list', () => {
  it("counts each relation's waiting referrals through the partial index of waiting ones", async () => {
    const queries = await queriesOf(['relation', 'list']);
    const waiting = queries.find((q) => /stage = 'asked'/.test(q.sql));
    expect(waiting && plan(waiting).join('\n')).toMatch(/(SCAN|SEARCH) f USING COVERING INDEX referrals_waiting/);
  });

  it("counts each relation's shortlist from the index of shortlisted connections, not from their networks", async () => {
    const queries = await queriesOf(['relation', 'list']);
    const shortlist = queries.find((q) => /shortlisted_at IS NOT NULL/.test(q.sql) && /count\(\*\)/.test(q.sql));
    expect(shortlist && plan(shortlist).join('\n')).toMatch(/connections_shortlisted/);
  });

  it('finds the detector of a full read (the check itself can fail)', () => {
    expect(fullReads({ sql: "SELECT count(*) FROM referrals f WHERE f.value > 0", args: [] }, ['referrals'])).toEqual(['SCAN f']);
  });
});
