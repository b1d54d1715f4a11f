import type { Db } from '../open.js';
import type { Moment, MomentKind, NpsAnswer, Relation } from '../../core/model.js';
import { NotFoundError, UsageError } from '../../errors.js';

interface RelationRow {
  id: number;
  name: string;
  company: string | null;
  role: string | null;
  linkedin: string | null;
  email: string | null;
  kind: Relation['kind'];
  trust: number | null;
  knows_audience: number | null;
  seller: number | null;
  sees_value: number | null;
  experienced_value: number | null;
  motivation: Relation['motivation'];
  note: string | null;
  archived_at: string | null;
  created_at: string;
}

const bool = (v: number | null) => (v === null ? null : v === 1);
const flag = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 1 : 0);

function toRelation(r: RelationRow): Relation {
  return {
    id: r.id,
    name: r.name,
    company: r.company,
    role: r.role,
    linkedin: r.linkedin,
    email: r.email,
    kind: r.kind,
    trust: r.trust,
    knowsAudience: bool(r.knows_audience),
    seller: bool(r.seller),
    seesValue: bool(r.sees_value),
    experiencedValue: bool(r.experienced_value),
    motivation: r.motivation,
    note: r.note,
    archivedAt: r.archived_at,
    createdAt: r.created_at,
  };
}

export type RelationFields = Partial<Omit<Relation, 'id' | 'archivedAt' | 'createdAt'>>;

const COLUMNS: Record<keyof RelationFields, string> = {
  name: 'name',
  company: 'company',
  role: 'role',
  linkedin: 'linkedin',
  email: 'email',
  kind: 'kind',
  trust: 'trust',
  knowsAudience: 'knows_audience',
  seller: 'seller',
  seesValue: 'sees_value',
  experiencedValue: 'experienced_value',
  motivation: 'motivation',
  note: 'note',
};

function toColumnValue(key: keyof RelationFields, value: unknown): unknown {
  return ['knowsAudience', 'seller', 'seesValue', 'experiencedValue'].includes(key) ? flag(value as boolean | null) : value;
}

export function insertRelation(db: Db, fields: RelationFields & { name: string }, now: Date): number {
  const keys = (Object.keys(fields) as Array<keyof RelationFields>).filter((k) => fields[k] !== undefined);
  const cols = [...keys.map((k) => COLUMNS[k]), 'created_at', 'updated_at'];
  const values = [...keys.map((k) => toColumnValue(k, fields[k])), now.toISOString(), now.toISOString()];
  const info = db.prepare(`INSERT INTO relations (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
  return Number(info.lastInsertRowid);
}

export function updateRelation(db: Db, id: number, fields: RelationFields, now: Date): void {
  const keys = (Object.keys(fields) as Array<keyof RelationFields>).filter((k) => fields[k] !== undefined);
  const sets = [...keys.map((k) => `${COLUMNS[k]} = ?`), 'updated_at = ?'];
  db.prepare(`UPDATE relations SET ${sets.join(', ')} WHERE id = ?`).run(
    ...keys.map((k) => toColumnValue(k, fields[k])),
    now.toISOString(),
    id,
  );
}

export function setArchived(db: Db, id: number, archived: boolean, now: Date): void {
  db.prepare('UPDATE relations SET archived_at = ?, updated_at = ? WHERE id = ?').run(archived ? now.toISOString() : null, now.toISOString(), id);
}

export function getRelation(db: Db, id: number): Relation | undefined {
  const row = db.prepare('SELECT * FROM relations WHERE id = ?').get(id) as RelationRow | undefined;
  return row && toRelation(row);
}

export function listRelations(db: Db, opts: { includeArchived?: boolean } = {}): Relation[] {
  const sql = opts.includeArchived ? 'SELECT * FROM relations' : 'SELECT * FROM relations WHERE archived_at IS NULL';
  return (db.prepare(sql).all() as RelationRow[]).map(toRelation);
}

export function countRelations(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM relations WHERE archived_at IS NULL').get() as { n: number }).n;
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('en').trim();

/**
 * A relation named by id or by its (case-insensitive, unique) name. An unknown name is a
 * not-found error with similar names; an ambiguous one a usage error listing the candidates.
 */
export function resolveRelation(db: Db, ref: string): Relation {
  const text = ref.trim();
  if (/^\d+$/.test(text)) {
    const byId = getRelation(db, Number(text));
    if (!byId) throw new NotFoundError(`no relation with id ${text}; see \`refer relation list --all\``);
    return byId;
  }
  if (text === '') throw new UsageError('a relation name or id is required');
  let rows = db.prepare('SELECT * FROM relations WHERE name = ? COLLATE NOCASE').all(text) as RelationRow[];
  if (rows.length === 0) {
    // NOCASE folds ASCII only; compare the rest (é, ø, ł …) in JavaScript.
    const key = fold(text);
    rows = (db.prepare('SELECT * FROM relations').all() as RelationRow[]).filter((r) => fold(r.name) === key);
  }
  if (rows.length > 1) {
    const live = rows.filter((r) => r.archived_at === null);
    if (live.length === 1) rows = live;
  }
  if (rows.length === 1) return toRelation(rows[0] as RelationRow);
  if (rows.length > 1) {
    throw new UsageError(
      `"${text}" names ${rows.length} relations; use the id instead:`,
      rows.map((r) => `${r.id}  ${r.name}${r.company ? ` (${r.company})` : ''}${r.archived_at ? ' [archived]' : ''}`),
    );
  }
  const key = fold(text);
  const similar = (db.prepare('SELECT id, name FROM relations').all() as Array<{ id: number; name: string }>)
    .filter((r) => fold(r.name).includes(key) || key.includes(fold(r.name)))
    .slice(0, 5);
  throw new NotFoundError(
    `no relation named "${text}"`,
    similar.length ? ['did you mean:', ...similar.map((r) => `${r.id}  ${r.name}`)] : ['see `refer relation list`, or add one with `refer relation add NAME`'],
  );
}

// ---- NPS answers and moments ----

export function insertNps(db: Db, relationId: number, score: number, answeredAt: Date, comment: string | null, now: Date): number {
  const info = db
    .prepare('INSERT INTO nps_answers (relation_id, score, answered_at, comment, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(relationId, score, answeredAt.toISOString(), comment, now.toISOString());
  return Number(info.lastInsertRowid);
}

export function listNps(db: Db, relationId: number): NpsAnswer[] {
  return db
    .prepare(
      'SELECT id, relation_id AS relationId, score, answered_at AS answeredAt, comment FROM nps_answers WHERE relation_id = ? ORDER BY answered_at, id',
    )
    .all(relationId) as NpsAnswer[];
}

export function insertMoment(db: Db, relationId: number, text: string, kind: MomentKind, occurredAt: Date, now: Date): number {
  const info = db
    .prepare('INSERT INTO moments (relation_id, text, kind, occurred_at, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(relationId, text, kind, occurredAt.toISOString(), now.toISOString());
  return Number(info.lastInsertRowid);
}

export function listMoments(db: Db, relationId: number): Moment[] {
  return db
    .prepare('SELECT id, relation_id AS relationId, text, kind, occurred_at AS occurredAt FROM moments WHERE relation_id = ? ORDER BY occurred_at, id')
    .all(relationId) as Moment[];
}

/** What readiness needs about every relation, fetched in one pass per table. */
export interface RelationSignals {
  latestNps: { score: number; answeredAt: string } | null;
  latestMoment: { text: string; kind: MomentKind; occurredAt: string } | null;
  lastAskAt: string | null;
  /** referrals of this relation still waiting for an answer (stage asked) */
  waiting: number;
  connections: number;
  shortlisted: number;
}

export function relationSignals(db: Db, relationIds?: number[]): Map<number, RelationSignals> {
  const signals = new Map<number, RelationSignals>();
  const get = (id: number) => {
    let s = signals.get(id);
    if (!s) {
      s = { latestNps: null, latestMoment: null, lastAskAt: null, waiting: 0, connections: 0, shortlisted: 0 };
      signals.set(id, s);
    }
    return s;
  };
  const only = relationIds && relationIds.length === 1 ? relationIds[0] : undefined;
  const where = (col: string) => (only === undefined ? '' : ` WHERE ${col} = ${Number(only)}`);
  // SQLite's bare-column rule: with max(), the other columns come from the row holding the max.
  for (const r of db
    .prepare(`SELECT relation_id AS id, score, max(answered_at) AS at FROM nps_answers${where('relation_id')} GROUP BY relation_id`)
    .all() as Array<{ id: number; score: number; at: string }>) {
    get(r.id).latestNps = { score: r.score, answeredAt: r.at };
  }
  for (const r of db
    .prepare(`SELECT relation_id AS id, text, kind, max(occurred_at) AS at FROM moments${where('relation_id')} GROUP BY relation_id`)
    .all() as Array<{ id: number; text: string; kind: MomentKind; at: string }>) {
    get(r.id).latestMoment = { text: r.text, kind: r.kind, occurredAt: r.at };
  }
  for (const r of db
    .prepare(`SELECT relation_id AS id, max(asked_at) AS at FROM asks${where('relation_id')} GROUP BY relation_id`)
    .all() as Array<{ id: number; at: string }>) {
    get(r.id).lastAskAt = r.at;
  }
  for (const r of db
    .prepare(
      `SELECT a.relation_id AS id, count(*) AS n FROM referrals f JOIN asks a ON a.id = f.ask_id WHERE f.stage = 'asked'${
        only === undefined ? '' : ` AND a.relation_id = ${Number(only)}`
      } GROUP BY a.relation_id`,
    )
    .all() as Array<{ id: number; n: number }>) {
    get(r.id).waiting = r.n;
  }
  for (const r of db
    .prepare(`SELECT relation_id AS id, count(*) AS n, count(shortlisted_at) AS s FROM connections${where('relation_id')} GROUP BY relation_id`)
    .all() as Array<{ id: number; n: number; s: number }>) {
    const s = get(r.id);
    s.connections = r.n;
    s.shortlisted = r.s;
  }
  return signals;
}
