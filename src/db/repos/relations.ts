import type { Db } from '../open.js';
import type { Moment, MomentKind, NpsAnswer, Relation } from '../../core/model.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { emailKey, linkedinKey, nameCompanyKey, samePerson } from '../../core/person.js';

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

type RelationTuple = [number, string, string | null, string | null, string | null, string | null, Relation['kind'], number | null, number | null, number | null, number | null, number | null, Relation['motivation'], string | null, string | null, string];

/** Every relation; read as arrays and turned straight into relations, since lists read thousands. */
export function listRelations(db: Db, opts: { includeArchived?: boolean; ids?: number[] } = {}): Relation[] {
  const where = [
    ...(opts.includeArchived ? [] : ['archived_at IS NULL']),
    ...(opts.ids ? [`id IN (SELECT value FROM json_each('${JSON.stringify(opts.ids.map(Number))}'))`] : []),
  ];
  const rows = db
    .prepare(
      `SELECT id, name, company, role, linkedin, email, kind, trust, knows_audience, seller, sees_value, experienced_value, motivation, note, archived_at, created_at
       FROM relations${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
    )
    .raw()
    .all() as RelationTuple[];
  return rows.map((r) => ({
    id: r[0],
    name: r[1],
    company: r[2],
    role: r[3],
    linkedin: r[4],
    email: r[5],
    kind: r[6],
    trust: r[7],
    knowsAudience: bool(r[8]),
    seller: bool(r[9]),
    seesValue: bool(r[10]),
    experiencedValue: bool(r[11]),
    motivation: r[12],
    note: r[13],
    archivedAt: r[14],
    createdAt: r[15],
  }));
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
  // All relations, or only these: one id inline, several through json_each (one index seek each).
  const filter =
    relationIds === undefined ? '' : relationIds.length === 1 ? `= ${Number(relationIds[0])}` : `IN (SELECT value FROM json_each('${JSON.stringify(relationIds.map(Number))}'))`;
  const where = (col: string, and = false) => (filter === '' ? '' : ` ${and ? 'AND' : 'WHERE'} ${col} ${filter}`);
  // Each query walks one index in relation order; rows come back as arrays (no object per row),
  // since relation list reads them for every relation.
  const rows = <T extends unknown[]>(sql: string) => db.prepare(sql).raw().all() as T[];
  // SQLite's bare-column rule: with max(), the other columns come from the row holding the max.
  for (const [id, score, at] of rows<[number, number, string]>(
    `SELECT relation_id, score, max(answered_at) FROM nps_answers${where('relation_id')} GROUP BY relation_id`,
  )) {
    get(id).latestNps = { score, answeredAt: at };
  }
  for (const [id, text, kind, at] of rows<[number, string, MomentKind, string]>(
    `SELECT relation_id, text, kind, max(occurred_at) FROM moments${where('relation_id')} GROUP BY relation_id`,
  )) {
    get(id).latestMoment = { text, kind, occurredAt: at };
  }
  for (const [id, at] of rows<[number, string]>(`SELECT relation_id, max(asked_at) FROM asks${where('relation_id')} GROUP BY relation_id`)) {
    get(id).lastAskAt = at;
  }
  // Each relation's asks in relation order (asks_relation), each looked up in the partial index
  // of waiting referrals. Not the other way round: finding each waiting referral's ask by its id
  // reads the asks table, whose rows hold the scripts (on 100,000 asks, about twice as slow).
  for (const [id, n] of rows<[number, number]>(
    `SELECT a.relation_id, count(*) FROM asks a INDEXED BY asks_relation CROSS JOIN referrals f INDEXED BY referrals_waiting ON f.ask_id = a.id
     WHERE f.stage = 'asked'${where('a.relation_id', true)} GROUP BY a.relation_id`,
  )) {
    get(id).waiting = n;
  }
  // Counted in two index-only passes: all connections, then the shortlisted ones.
  for (const [id, n] of rows<[number, number]>(`SELECT relation_id, count(*) FROM connections${where('relation_id')} GROUP BY relation_id`)) {
    get(id).connections = n;
  }
  for (const [id, n] of rows<[number, number]>(
    // named: connections_fit (relation_id first too) would read each relation's whole network
    `SELECT relation_id, count(*) FROM connections INDEXED BY connections_shortlisted WHERE shortlisted_at IS NOT NULL${where('relation_id', true)} GROUP BY relation_id`,
  )) {
    get(id).shortlisted = n;
  }
  return signals;
}

// ---- import of the rep's own network ----

/** A person as an import file gives them. */
export interface RelationImportRow {
  name: string;
  company: string | null;
  title: string | null;
  linkedin: string | null;
  email: string | null;
}

export interface RelationImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

/**
 * Adds the people of an import as unassessed relations (no trust, no criteria: the rep judges
 * those), in one immediate transaction; `dryRun` rolls it back. A person who is a relation
 * already (samePerson: LinkedIn URL, else e-mail, else name and company; archived relations
 * included) is not added again: only the fields the relation lacks and the file has are filled,
 * so nothing the rep typed is overwritten and a re-import changes nothing. Rows of the same file
 * match each other too.
 */
export async function importRelationBatches(
  db: Db,
  batches: AsyncIterable<{ rows: readonly RelationImportRow[] }>,
  kind: Relation['kind'] | undefined,
  now: Date,
  dryRun = false,
): Promise<RelationImportCounts> {
  const counts: RelationImportCounts = { imported: 0, updated: 0, unchanged: 0 };
  type Known = { id: number; name: string; company: string | null; role: string | null; linkedin: string | null; email: string | null };
  const byUrl = new Map<string, Known>();
  const byEmail = new Map<string, Known>();
  const byName = new Map<string, Known>();
  const remember = (r: Known) => {
    const url = linkedinKey(r.linkedin);
    const mail = emailKey(r.email);
    if (url !== null && !byUrl.has(url)) byUrl.set(url, r);
    if (mail !== null && !byEmail.has(mail)) byEmail.set(mail, r);
    const name = nameCompanyKey(r);
    if (!byName.has(name)) byName.set(name, r);
  };
  const find = (row: RelationImportRow): Known | undefined => {
    const url = linkedinKey(row.linkedin);
    const candidates = [url === null ? undefined : byUrl.get(url), byEmail.get(emailKey(row.email) ?? ''), byName.get(nameCompanyKey(row))];
    return candidates.find((c): c is Known => c !== undefined && samePerson(row, c));
  };
  const at = now.toISOString();
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const r of db.prepare('SELECT id, name, company, role, linkedin, email FROM relations').all() as Known[]) remember(r);
    const insert = db.prepare(
      'INSERT INTO relations (name, company, role, linkedin, email, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for await (const batch of batches) {
      for (const row of batch.rows) {
        const existing = find(row);
        if (existing === undefined) {
          const info = insert.run(row.name, row.company, row.title, row.linkedin, row.email, kind ?? 'other', at, at);
          remember({ id: Number(info.lastInsertRowid), name: row.name, company: row.company, role: row.title, linkedin: row.linkedin, email: row.email });
          counts.imported++;
          continue;
        }
        const fill: Partial<Record<'company' | 'role' | 'linkedin' | 'email', string>> = {};
        if (existing.company === null && row.company !== null) fill.company = row.company;
        if (existing.role === null && row.title !== null) fill.role = row.title;
        if (existing.linkedin === null && row.linkedin !== null) fill.linkedin = row.linkedin;
        if (existing.email === null && row.email !== null) fill.email = row.email;
        const keys = Object.keys(fill) as Array<keyof typeof fill>;
        if (keys.length === 0) {
          counts.unchanged++;
          continue;
        }
        db.prepare(`UPDATE relations SET ${keys.map((k) => `${k} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...keys.map((k) => fill[k]!), at, existing.id);
        Object.assign(existing, fill);
        remember(existing);
        counts.updated++;
      }
    }
    db.exec(dryRun ? 'ROLLBACK' : 'COMMIT');
    return counts;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
