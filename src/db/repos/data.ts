// The SQL of export, import and forget: the whole database table by table, as the schema
// describes it (so a column added by a migration is exported and restored without a change here).

import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.js';
import { camelCase, type ColumnSpec, columnKind, fromDocRow, type TableSpec } from '../../core/dump.js';
import { namePattern, scrubJson, scrubText } from '../../core/scrub.js';
import { UsageError } from '../../errors.js';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/**
 * What refer derives from the rest and keeps for speed (migration 003_fit): neither exported nor
 * restored, and made again from the rows when needed (src/db/repos/fit.ts).
 */
export const DERIVED_TABLES: readonly string[] = ['fit_icp'];
export const DERIVED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  connections: ['fit', 'name_key'],
};

/**
 * The team's sync state (src/db/migrations/005_team.ts): the team joined, the outbox, and the cache
 * of what teammates share. Not the rep's data: export, import and forget leave it out (a restore or
 * an erasure reaches the team through the outbox's triggers).
 */
export const isSyncState = (table: string): boolean => /^team(_|$)/.test(table);

/**
 * Every table of the database (but the derived ones and the team's sync state) with its columns,
 * parents before children (the order rows can be inserted in with foreign keys on), otherwise in the order the schema created them.
 */
export function describeTables(db: Db): TableSpec[] {
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").pluck().all() as string[]).filter(
    (t) => !DERIVED_TABLES.includes(t) && !isSyncState(t),
  );
  const parents = new Map<string, string[]>();
  const specs = new Map<string, TableSpec>();
  for (const table of names) {
    const info = (db.pragma(`table_info(${quote(table)})`) as ColumnInfo[]).filter((c) => !DERIVED_COLUMNS[table]?.includes(c.name));
    const columns: ColumnSpec[] = info.map((c) => ({
      column: c.name,
      key: camelCase(c.name),
      kind: columnKind(table, c.name, c.type),
      required: c.pk > 0 || (c.notnull === 1 && c.dflt_value === null),
      nullable: c.pk === 0 && c.notnull === 0,
    }));
    const primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    specs.set(table, { table, key: camelCase(table), columns, primaryKey });
    const fks = db.pragma(`foreign_key_list(${quote(table)})`) as Array<{ table: string }>;
    parents.set(table, [...new Set(fks.map((f) => f.table))].filter((p) => p !== table));
  }
  const ordered: TableSpec[] = [];
  const placed = new Set<string>();
  const place = (table: string) => {
    if (placed.has(table) || !specs.has(table)) return;
    placed.add(table);
    for (const p of parents.get(table) ?? []) place(p);
    ordered.push(specs.get(table)!);
  };
  names.forEach(place);
  return ordered;
}

/** A table's rows as SQLite gives them (snake_case), in primary key order. */
export function readRows(db: Db, spec: TableSpec): Record<string, unknown>[] {
  const order = spec.primaryKey.length ? spec.primaryKey.map(quote).join(', ') : 'rowid';
  return db.prepare(`SELECT * FROM ${quote(spec.table)} ORDER BY ${order}`).all() as Record<string, unknown>[];
}

/** Rows per table, by the table's document key. */
export function rowCounts(db: Db, specs: readonly TableSpec[]): Record<string, number> {
  return Object.fromEntries(specs.map((s) => [s.key, db.prepare(`SELECT count(*) FROM ${quote(s.table)}`).pluck().get() as number]));
}

export const isEmpty = (counts: Record<string, number>) => Object.values(counts).every((n) => n === 0);

const isConstraint = (err: unknown): err is Error & { code: string } =>
  err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT');

/**
 * Restores validated document tables (by document key) with their ids, in one immediate
 * transaction: all rows or none. Refuses a database that holds data unless `replace`, which
 * deletes everything first. A row the schema rejects (a CHECK, a missing parent) is a usage
 * error naming its place in the document. Returns the rows written per table.
 */
export function restoreTables(
  db: Db,
  specs: readonly TableSpec[],
  tables: Record<string, Record<string, unknown>[]>,
  opts: { replace: boolean; database: string; file: string },
): Record<string, number> {
  return db.transaction(() => {
    if (!opts.replace && !isEmpty(rowCounts(db, specs))) {
      throw new UsageError(`${opts.database} is not empty (another command wrote to it meanwhile); nothing was changed`);
    }
    if (opts.replace) for (const spec of [...specs].reverse()) db.prepare(`DELETE FROM ${quote(spec.table)}`).run();
    const written: Record<string, number> = {};
    for (const spec of specs) {
      const rows = tables[spec.key] ?? [];
      // one statement per set of columns (an export gives every row the same ones)
      const inserts = new Map<string, Statement>();
      rows.forEach((doc, index) => {
        const row = fromDocRow(spec, doc);
        const cols = Object.keys(row);
        const shape = cols.join(',');
        let insert = inserts.get(shape);
        if (!insert) {
          insert = db.prepare(`INSERT INTO ${quote(spec.table)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
          inserts.set(shape, insert);
        }
        try {
          insert.run(...Object.values(row));
        } catch (err) {
          if (!isConstraint(err)) throw err;
          throw new UsageError(`${opts.file} is not a valid refer export: tables.${spec.key}[${index}] does not fit the database (${err.message}); nothing was changed`);
        }
      });
      written[spec.key] = rows.length;
    }
    return written;
  }).immediate();
}

// ---- forget ----

/**
 * Free text that may name anyone: notes, comments, moments in someone's words, and the script
 * snapshots of asks. A column added to the schema that holds free text belongs here
 * (test/commands/data-forget.test.ts checks that every text column is placed).
 */
export const FREE_TEXT: Readonly<Record<string, readonly string[]>> = {
  relations: ['note'],
  nps_answers: ['comment'],
  moments: ['text'],
  asks: ['script', 'forward'],
  referral_events: ['note'],
  followups: ['note', 'done_note'],
};
/** Free text stored as JSON (the playbook's saved answers). */
export const FREE_JSON: Readonly<Record<string, readonly string[]>> = {
  playbook_progress: ['state'],
};

export interface Person {
  type: 'relation' | 'connection';
  id: number;
  name: string;
}

export interface Erased {
  /** rows deleted per table (document keys), the cascades included */
  deleted: Record<string, number>;
  /** rows whose free text had the name taken out, per table */
  scrubbed: Record<string, number>;
}

/**
 * Replaces `pattern` in the free text of `table`, optionally only in the rows with these ids.
 * Returns the rowids of the rows it changed.
 */
function scrubTable(db: Db, table: string, pattern: RegExp, onlyIds?: readonly number[]): number[] {
  const text = FREE_TEXT[table] ?? [];
  const json = FREE_JSON[table] ?? [];
  const cols = [...text, ...json];
  const changed: number[] = [];
  if (cols.length === 0 || onlyIds?.length === 0) return changed;
  const where = onlyIds ? ` WHERE rowid IN (${onlyIds.map(Number).join(', ')})` : '';
  const rows = db.prepare(`SELECT rowid AS _rowid, ${cols.map(quote).join(', ')} FROM ${quote(table)}${where}`).all() as Array<
    Record<string, string | number | null> & { _rowid: number }
  >;
  for (const row of rows) {
    const next: Record<string, string> = {};
    for (const c of cols) {
      const value = row[c];
      if (typeof value !== 'string') continue;
      const clean = json.includes(c) ? scrubJson(value, pattern) : scrubText(value, pattern);
      if (clean !== value) next[c] = clean;
    }
    const keys = Object.keys(next);
    if (keys.length === 0) continue;
    db.prepare(`UPDATE ${quote(table)} SET ${keys.map((k) => `${quote(k)} = ?`).join(', ')} WHERE rowid = ?`).run(...Object.values(next), row._rowid);
    changed.push(row._rowid);
  }
  return changed;
}

/**
 * Erases a relation (and, by the schema's cascades, their NPS answers, moments, connections, asks,
 * referrals, follow-ups and playbook progress) or a connection (and their referrals with their
 * history), then takes their name out of every note, comment, moment and script snapshot. For a
 * connection, the asks that named them also lose their first name. One immediate transaction;
 * `dryRun` rolls it back (to show what would go). Call `secureDelete` first and `compact` after.
 */
export function erasePerson(db: Db, person: Person, opts: { dryRun?: boolean } = {}): Erased {
  const specs = describeTables(db);
  const rollback = new Error('dry run');
  let result: Erased = { deleted: {}, scrubbed: {} };
  try {
    db.transaction(() => {
      const before = rowCounts(db, specs);
      const asks =
        person.type === 'connection'
          ? (db.prepare('SELECT DISTINCT ask_id FROM referrals WHERE connection_id = ?').pluck().all(person.id) as number[])
          : [];
      db.prepare(`DELETE FROM ${person.type === 'relation' ? 'relations' : 'connections'} WHERE id = ?`).run(person.id);
      const after = rowCounts(db, specs);
      const full = namePattern([person.name]);
      // The referee note of an ask greets the connection by first name.
      const first = person.type === 'connection' ? namePattern([person.name.split(/\s+/)[0] ?? '']) : null;
      const scrubbed: Record<string, number> = {};
      for (const spec of specs) {
        const rows = new Set(full ? scrubTable(db, spec.table, full) : []);
        if (spec.table === 'asks' && first) for (const id of scrubTable(db, 'asks', first, asks)) rows.add(id);
        scrubbed[spec.key] = rows.size;
      }
      const deleted = Object.fromEntries(specs.map((s) => [s.key, (before[s.key] ?? 0) - (after[s.key] ?? 0)]));
      result = { deleted, scrubbed };
      if (opts.dryRun) throw rollback;
    }).immediate();
  } catch (err) {
    if (err !== rollback) throw err;
  }
  return result;
}

/** Makes SQLite overwrite deleted content with zeros on this connection (PRAGMA secure_delete). */
export function secureDelete(db: Db): void {
  db.pragma('secure_delete = ON');
}

/**
 * Rewrites the database without its free pages (VACUUM) and moves the write-ahead log into it,
 * truncating the log to nothing, so that erased content is in neither file. False when another
 * process kept the log busy (its content then goes at the next checkpoint).
 */
export function compact(db: Db): boolean {
  db.exec('VACUUM');
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  return row === undefined || row.busy === 0;
}
