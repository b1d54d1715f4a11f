import type { Db } from '../open.js';
import type { Connection } from '../../core/model.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { fitWriter } from './fit.js';

interface ConnectionRow {
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

function toConnection(r: ConnectionRow): Connection {
  return {
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
  };
}

/** What a new or imported connection carries. */
export type ConnectionFields = Omit<Connection, 'id' | 'relationId' | 'shortlisted'>;

const SELECT = 'SELECT id, relation_id, name, title, company, industry, size, location, linkedin, email, connected_on, shortlisted_at FROM connections';

export function insertConnection(db: Db, relationId: number, f: ConnectionFields, source: 'manual' | 'linkedin' | 'csv', now: Date): number {
  const at = now.toISOString();
  return db.transaction(() => {
    const [fit, nameKey] = fitWriter(db).values(f);
    const info = db
      .prepare(
        `INSERT INTO connections (relation_id, name, title, company, industry, size, location, linkedin, email, connected_on, source, created_at, updated_at,
           fit, name_key)
         VALUES (@relationId, @name, @title, @company, @industry, @size, @location, @linkedin, @email, @connectedOn, @source, @at, @at, @fit, @nameKey)`,
      )
      .run({ ...f, relationId, source, at, fit, nameKey });
    return Number(info.lastInsertRowid);
  }).immediate();
}

export function getConnection(db: Db, id: number): Connection | undefined {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as ConnectionRow | undefined;
  return row && toConnection(row);
}

/** A relation's connections by name (case aside), then id. */
export function listConnections(db: Db, relationId: number): Connection[] {
  return (db.prepare(`${SELECT} WHERE relation_id = ? ORDER BY name COLLATE NOCASE, id`).all(relationId) as ConnectionRow[]).map(toConnection);
}

/** A relation's shortlist by id, or by name as listConnections orders them (from the index of shortlisted connections). */
export function shortlistOf(db: Db, relationId: number, order: 'id' | 'name' = 'id'): Connection[] {
  const by = order === 'id' ? 'id' : 'name COLLATE NOCASE, id';
  // named: by name, SQLite would read the whole network in name order instead
  return (db.prepare(`${SELECT} INDEXED BY connections_shortlisted WHERE relation_id = ? AND shortlisted_at IS NOT NULL ORDER BY ${by}`).all(relationId) as ConnectionRow[]).map(
    toConnection,
  );
}

/** A relation's connection with this LinkedIn URL (from the unique index on it), if any. */
export function connectionByLinkedin(db: Db, relationId: number, linkedin: string): Connection | undefined {
  const row = db.prepare(`${SELECT} WHERE relation_id = ? AND linkedin = ?`).get(relationId, linkedin) as ConnectionRow | undefined;
  return row && toConnection(row);
}

/** How many connections a relation has. */
export function countConnections(db: Db, relationId: number): number {
  return db.prepare('SELECT count(*) FROM connections WHERE relation_id = ?').pluck().get(relationId) as number;
}

export function findConnectionsByName(db: Db, name: string, relationId?: number): Connection[] {
  const rows = (
    relationId === undefined
      ? db.prepare(`${SELECT} WHERE name = ? COLLATE NOCASE`).all(name)
      : db.prepare(`${SELECT} WHERE relation_id = ? AND name = ? COLLATE NOCASE`).all(relationId, name)
  ) as ConnectionRow[];
  return rows.map(toConnection);
}

/**
 * A connection named by id or by name (unique, case-insensitive; within one relation when given).
 * A connection of another relation is refused when a relation is given.
 */
export function resolveConnection(db: Db, ref: string, relation?: { id: number; name: string }): Connection {
  const text = ref.trim();
  if (/^\d+$/.test(text)) {
    const c = getConnection(db, Number(text));
    if (!c) throw new NotFoundError(`no connection with id ${text}`);
    if (relation && c.relationId !== relation.id) {
      throw new UsageError(`connection ${text} (${c.name}) belongs to another relation, not to ${relation.name}`);
    }
    return c;
  }
  const found = findConnectionsByName(db, text, relation?.id);
  if (found.length === 1) return found[0] as Connection;
  if (found.length > 1) {
    throw new UsageError(
      `"${text}" names ${found.length} connections; use the id instead:`,
      found.map((c) => `${c.id}  ${c.name}${c.company ? ` (${c.company})` : ''}`),
    );
  }
  throw new NotFoundError(`no connection named "${text}"${relation ? ` among ${relation.name}'s connections` : ''}; see \`refer connection list\``);
}

/** Marks exactly these connections of a relation as the shortlist for the ask. */
export function setShortlist(db: Db, relationId: number, ids: number[], now: Date): void {
  db.transaction(() => {
    db.prepare('UPDATE connections SET shortlisted_at = NULL WHERE relation_id = ? AND shortlisted_at IS NOT NULL').run(relationId);
    const mark = db.prepare('UPDATE connections SET shortlisted_at = ? WHERE id = ? AND relation_id = ?');
    for (const id of ids) mark.run(now.toISOString(), id, relationId);
  }).immediate();
}

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

const FIELDS = ['title', 'company', 'industry', 'size', 'location', 'linkedin', 'email', 'connectedOn'] as const;
const COL: Record<(typeof FIELDS)[number], string> = {
  title: 'title',
  company: 'company',
  industry: 'industry',
  size: 'size',
  location: 'location',
  linkedin: 'linkedin',
  email: 'email',
  connectedOn: 'connected_on',
};
// toLowerCase is toLocaleLowerCase('en') (English has no special case rules) without a call into
// ICU: an import computes this key twice for each of tens of thousands of rows.
const key = (name: string, company: string | null) => `${name.toLowerCase()}\u0000${(company ?? '').toLowerCase()}`;

/**
 * Matches imported rows to a relation's connections and writes them; runs inside the caller's
 * transaction. Rows match an existing connection on the LinkedIn URL, else on name + company
 * (unless both have a LinkedIn URL, and they differ); a
 * matched row only changes fields that the file fills and that differ, so a re-import changes
 * nothing. Rows of the same file match each other too.
 */
function importer(db: Db, relationId: number, now: Date) {
  const counts: ImportCounts = { imported: 0, updated: 0, unchanged: 0 };
  const byUrl = new Map<string, ConnectionRow>();
  const byName = new Map<string, ConnectionRow>();
  const remember = (r: ConnectionRow) => {
    if (r.linkedin) byUrl.set(r.linkedin, r);
    byName.set(key(r.name, r.company), r);
  };
  for (const r of db.prepare(`${SELECT} WHERE relation_id = ?`).all(relationId) as ConnectionRow[]) remember(r);
  // Positional parameters: binding named ones costs about half again as much per row.
  const insert = db.prepare(
    `INSERT INTO connections (relation_id, name, title, company, industry, size, location, linkedin, email, connected_on, source, created_at, updated_at,
       fit, name_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const fit = fitWriter(db);
  const rescore = db.prepare('UPDATE connections SET fit = ?, name_key = ? WHERE id = ?');
  const at = now.toISOString();
  // Two people of the same name at the same company, each with their own profile, stay two.
  const sameNameWithoutOtherUrl = (row: ConnectionFields) => {
    const twin = byName.get(key(row.name, row.company));
    return twin && (twin.linkedin === null || row.linkedin === null) ? twin : undefined;
  };
  return {
    counts,
    add(rows: readonly ConnectionFields[], source: 'linkedin' | 'csv'): void {
      for (const row of rows) {
        const existing = (row.linkedin && byUrl.get(row.linkedin)) || sameNameWithoutOtherUrl(row);
        if (!existing) {
          const info = insert.run(relationId, row.name, row.title, row.company, row.industry, row.size, row.location, row.linkedin, row.email, row.connectedOn, source, at, at, ...fit.values(row));
          remember({ id: Number(info.lastInsertRowid), relation_id: relationId, name: row.name, title: row.title, company: row.company, industry: row.industry, size: row.size, location: row.location, linkedin: row.linkedin, email: row.email, connected_on: row.connectedOn, shortlisted_at: null });
          counts.imported++;
          continue;
        }
        const changed = FIELDS.filter((f) => row[f] !== null && row[f] !== (existing as unknown as Record<string, unknown>)[COL[f]]);
        if (changed.length === 0) {
          counts.unchanged++;
          continue;
        }
        db.prepare(`UPDATE connections SET ${changed.map((f) => `${COL[f]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(
          ...changed.map((f) => row[f]),
          at,
          existing.id,
        );
        for (const f of changed) (existing as unknown as Record<string, unknown>)[COL[f]] = row[f];
        // after the update, whose trigger marks the fit stale when a field it reads changed
        if (changed.some((f) => f === 'title' || f === 'company' || f === 'industry' || f === 'size' || f === 'location')) {
          rescore.run(...fit.values(existing), existing.id);
        }
        counts.updated++;
      }
    },
  };
}

/**
 * Adds or updates a relation's connections from an import, in one immediate transaction (all
 * or nothing); matching as described at importer(). With `dryRun` the transaction is rolled back.
 */
export function importConnections(db: Db, relationId: number, rows: ConnectionFields[], source: 'linkedin' | 'csv', now: Date, dryRun = false): ImportCounts {
  const rollback = new Error('dry run');
  let counts: ImportCounts = { imported: 0, updated: 0, unchanged: 0 };
  try {
    db.transaction(() => {
      const run = importer(db, relationId, now);
      run.add(rows, source);
      counts = run.counts;
      if (dryRun) throw rollback;
    }).immediate();
  } catch (err) {
    if (err !== rollback) throw err;
  }
  return counts;
}

/**
 * importConnections for a file read as a stream, batch by batch, so that only one batch is held
 * in memory. The transaction stays open while the file is read (all or nothing, as above); a
 * failing read or batch rolls everything back.
 */
export async function importConnectionBatches(
  db: Db,
  relationId: number,
  batches: AsyncIterable<{ format: 'linkedin' | 'csv' | 'vcard'; rows: readonly ConnectionFields[] }>,
  now: Date,
  dryRun = false,
): Promise<ImportCounts> {
  // better-sqlite3's transaction() takes no async work, hence the statements by hand.
  db.exec('BEGIN IMMEDIATE');
  try {
    const run = importer(db, relationId, now);
    for await (const batch of batches) run.add(batch.rows, batch.format === 'linkedin' ? 'linkedin' : 'csv');
    db.exec(dryRun ? 'ROLLBACK' : 'COMMIT');
    return run.counts;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
