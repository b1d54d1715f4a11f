// The stored ICP fit score of each connection (migration 003_fit): scored when a connection is
// written, all of them again when the ICP changes, read in the order `connection list` shows
// through the index connections_fit; the reasons are worked out for the rows read only. Scores and
// reasons are those of src/core/fit.ts icpFit, the order that of compareNames: the same as scoring
// every connection on every read, which a big network (LinkedIn allows 30,000) made cost what the
// network weighs instead of the ten rows shown.
import type { Db } from '../open.js';
import { type Fit, type FitInput, fitScorer, icpFit } from '../../core/fit.js';
import type { Connection, Icp } from '../../core/model.js';
import { compareNames, nameSortKey } from '../../core/text.js';
import { EMPTY_ICP, getIcp } from './profile.js';

/** The ICP as fit_icp records it: what the stored fits were scored against. */
export const icpStamp = (icp: Icp): string =>
  JSON.stringify([icp.titles, icp.industries, icp.minSize, icp.maxSize, icp.regions, icp.excludeCompanies]);

/** The fit columns of a connection, in the order of FIT_SET: fit, name_key. */
export type FitValues = [number, string];

/** Scores connections against the database's ICP (none: every fit neutral), for writing. */
export interface FitWriter {
  icp: Icp;
  values(conn: FitInput & { name: string }): FitValues;
  score(conn: FitInput): number;
}

function writer(icp: Icp): FitWriter {
  const fit = fitScorer(icp);
  return {
    icp,
    values: (conn) => [fit(conn).score, nameSortKey(conn.name)],
    score: (conn) => fit(conn).score,
  };
}

const stampOf = (db: Db) => db.prepare('SELECT icp FROM fit_icp WHERE id = 1').pluck().get() as string | undefined;

/**
 * A scorer for rows about to be written. The stored fits are brought to the current ICP first
 * (re-scoring all of them if the ICP changed by some other way than `icp set`, e.g. a restore),
 * so that new rows and old ones are scored alike. Call inside the write transaction.
 */
export function fitWriter(db: Db): FitWriter {
  const icp = getIcp(db) ?? EMPTY_ICP;
  if (stampOf(db) !== icpStamp(icp)) rescoreAll(db, icp);
  return writer(icp);
}

const FIT_SET = 'fit = ?, name_key = ?';

interface ScoreRow {
  id: number;
  name: string;
  title: string | null;
  company: string | null;
  industry: string | null;
  size: number | null;
  location: string | null;
}
const SCORE_COLUMNS = 'id, name, title, company, industry, size, location';

/**
 * Scores every connection against `icp` and records it in fit_icp, in one transaction. Rows whose
 * fit does not change are not written. `progress` hears the count done every few thousand rows.
 */
export function rescoreAll(db: Db, icp: Icp, progress?: (done: number, total: number) => void): number {
  return db.transaction(() => {
    const total = db.prepare('SELECT count(*) FROM connections').pluck().get() as number;
    const w = writer(icp);
    const update = db.prepare(`UPDATE connections SET ${FIT_SET} WHERE id = ?`);
    // Reading the rows first: SQLite cannot write a table while a statement still reads it.
    let done = 0;
    let lastId = 0;
    const page = db.prepare(`SELECT ${SCORE_COLUMNS}, fit, name_key FROM connections WHERE id > ? ORDER BY id LIMIT 5000`);
    for (;;) {
      const rows = page.all(lastId) as Array<ScoreRow & { fit: number | null; name_key: string | null }>;
      if (rows.length === 0) break;
      for (const r of rows) {
        // the name key does not depend on the ICP: made only where it is missing
        const fit = w.score(r);
        if (r.fit !== fit || r.name_key === null) update.run(fit, r.name_key ?? nameSortKey(r.name), r.id);
      }
      lastId = rows[rows.length - 1]!.id;
      done += rows.length;
      progress?.(done, total);
    }
    db.prepare('INSERT INTO fit_icp (id, icp) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET icp = excluded.icp').run(icpStamp(icp));
    return done;
  }).immediate();
}

/**
 * Makes the stored fits of a relation's connections current: none unscored, the ICP the one
 * they were scored against. False when they are not and cannot be (a read-only database).
 */
function ensureScored(db: Db, relationId: number): boolean {
  const icp = getIcp(db) ?? EMPTY_ICP;
  const current = stampOf(db) === icpStamp(icp);
  const unscored = () => db.prepare('SELECT 1 FROM connections WHERE relation_id = ? AND fit IS NULL LIMIT 1').get(relationId) !== undefined;
  if (current && !unscored()) return true;
  if (db.readonly) return false;
  if (!current) {
    rescoreAll(db, icp);
    return true;
  }
  db.transaction(() => {
    const w = fitWriter(db);
    const rows = db.prepare(`SELECT ${SCORE_COLUMNS} FROM connections WHERE relation_id = ? AND fit IS NULL`).all(relationId) as ScoreRow[];
    const update = db.prepare(`UPDATE connections SET ${FIT_SET} WHERE id = ?`);
    for (const r of rows) update.run(...w.values(r), r.id);
  }).immediate();
  return true;
}

export type FitConnection = Connection & { fit: Fit };

interface FitRow {
  id: number;
  relation_id: number;
  name: string;
  title: string | null;
  company: string | null;
  industry: string | null;
  size: number | null;
  location: string | null;
  linkedin: string | null;
  email: string | null;
  connected_on: string | null;
  shortlisted_at: string | null;
}

const toConnection = (r: FitRow): Connection => ({
  id: r.id,
  relationId: r.relation_id,
  name: r.name,
  title: r.title,
  company: r.company,
  industry: r.industry,
  size: r.size,
  location: r.location,
  linkedin: r.linkedin,
  email: r.email,
  connectedOn: r.connected_on,
  shortlisted: r.shortlisted_at !== null,
});

const COLUMNS = 'id, relation_id, name, title, company, industry, size, location, linkedin, email, connected_on, shortlisted_at';

/**
 * The orders refer shows connections in. fit: by score, the shortlist first among equals, then
 * by name (compareNames), then by id (`connection list`). shortlist: the shortlist first, then by
 * score, name, id (the ask's choices). score: by score, name, id (choosing the shortlist). name:
 * by name without case, then id (as the connections are stored; `relation show` sorts them itself).
 */
export type RankOrder = 'fit' | 'shortlist' | 'score' | 'name';

const ORDER_SQL: Record<RankOrder, string> = {
  fit: 'fit DESC, (shortlisted_at IS NOT NULL) DESC, name_key, id',
  shortlist: '(shortlisted_at IS NOT NULL) DESC, fit DESC, name_key, id',
  score: 'fit DESC, name_key, id',
  name: 'name COLLATE NOCASE, id',
};

export interface RankOptions {
  order?: RankOrder;
  /** only fits from this score on (1 or more; an excluded company scores 0) */
  minScore?: number;
  limit?: number;
}

/** The same, computed from the rows (in name order) on every read: a read-only database, and the tests. */
export function rankComputed(connections: Connection[], icp: Icp, opts: RankOptions = {}): FitConnection[] {
  const order = opts.order ?? 'fit';
  const sl = (a: Connection, b: Connection) => Number(b.shortlisted) - Number(a.shortlisted);
  let rows = connections.map((c) => ({ ...c, fit: icpFit(c, icp) }));
  if (order !== 'name') {
    rows.sort(
      (a, b) =>
        (order === 'shortlist' ? sl(a, b) : 0) || b.fit.score - a.fit.score || (order === 'fit' ? sl(a, b) : 0) || compareNames(a.name, b.name),
    );
  }
  if (opts.minScore !== undefined) rows = rows.filter((c) => !c.fit.excluded && c.fit.score >= opts.minScore!);
  return opts.limit !== undefined ? rows.slice(0, opts.limit) : rows;
}

/**
 * A relation's connections with their ICP fit, in one of the RankOrders (default fit). Read
 * through connections_fit: with `minScore` and `limit`, the fit order reads only the rows returned.
 */
export function rankedConnections(db: Db, relationId: number, opts: RankOptions = {}): FitConnection[] {
  if (opts.minScore !== undefined && opts.minScore < 1) throw new RangeError('minScore must be 1 or more');
  const icp = getIcp(db) ?? EMPTY_ICP;
  if (!ensureScored(db, relationId)) {
    const all = db.prepare(`SELECT ${COLUMNS} FROM connections WHERE relation_id = ? ORDER BY name COLLATE NOCASE, id`).all(relationId) as FitRow[];
    return rankComputed(all.map(toConnection), icp, opts);
  }
  // an excluded company scores 0: below any minimum that counts as a fit
  const where = opts.minScore !== undefined ? ' AND fit >= ?' : '';
  const limit = opts.limit !== undefined ? ' LIMIT ?' : '';
  const params: number[] = [relationId];
  if (opts.minScore !== undefined) params.push(opts.minScore);
  if (opts.limit !== undefined) params.push(opts.limit);
  const sql = `SELECT ${COLUMNS} FROM connections WHERE relation_id = ?${where} ORDER BY ${ORDER_SQL[opts.order ?? 'fit']}${limit}`;
  // the reasons (and whether the company is excluded) of the rows read, with the score stored
  const score = fitScorer(icp);
  return (db.prepare(sql).all(...params) as FitRow[]).map((r) => {
    const c = toConnection(r);
    return { ...c, fit: score(c) };
  });
}
