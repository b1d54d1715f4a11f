// The SQLite side of `refer team sync`: what the push reads (the outbox and the current shared
// values of the rows it names) and what the pull writes (the read-only cache of what teammates
// share). The columns come from src/team/shared.ts; nothing else is ever read for the server.

import { closeSync, openSync } from 'node:fs';
import { addonPath, type Db } from '../open.js';
import { FailureError } from '../../errors.js';
import { ENTITY_TABLE, PUSH_ORDER, SHARED, type SharedTable } from '../../team/shared.js';
import { refreshTeamSearch } from './team-coordination.js';

/** The shared tables, parents before children (the order rows can be upserted in). */
export const TABLES: readonly SharedTable[] = PUSH_ORDER.map((e) => ENTITY_TABLE[e]);

/** A table's shared columns, `id` first (the rep's local id), without `rep` (the server fills it in). */
export function sharedColumns(table: SharedTable): string[] {
  return ['id', ...SHARED[table]];
}

/**
 * Shared columns that are not stored as such on the local row: the relation's latest NPS answer
 * and its last ask (both are kept on the server row so teammates never see the answers or asks
 * themselves beyond what is shared). Any other column is the local column of the same name.
 */
const LOCAL_SQL: Partial<Record<SharedTable, Record<string, string>>> = {
  relations: {
    nps_score: '(SELECT n.score FROM nps_answers n WHERE n.relation_id = t.id ORDER BY n.answered_at DESC, n.id DESC LIMIT 1)',
    nps_at: '(SELECT max(n.answered_at) FROM nps_answers n WHERE n.relation_id = t.id)',
    last_ask_at: '(SELECT max(a.asked_at) FROM asks a WHERE a.relation_id = t.id)',
  },
};

const expr = (table: SharedTable, col: string) => LOCAL_SQL[table]?.[col] ?? `t.${col}`;

/** One table's changes: the rows as they are now (column arrays, in sharedColumns order) and the ids gone. */
export interface TableChanges {
  table: SharedTable;
  columns: string[];
  /** one array per column, all the same length (the rows to upsert) */
  values: unknown[][];
  deleted: number[];
}

export interface Outbox {
  /** the highest seq read (the rows up to it go once the server committed) */
  maxSeq: number;
  /**
   * every local row, not only the changed ones (readEverything): the server's rows of this rep
   * that are not among them are deleted
   */
  everything?: boolean;
  /** distinct (entity, id) pairs read */
  entries: number;
  tables: TableChanges[];
}

/**
 * The outbox up to its current end, de-duplicated, with the current shared values of each row
 * it names (a row gone locally is a delete) — read in one transaction, so the values are those
 * of the moment maxSeq was read (or later ones, which a later outbox row sends again anyway).
 * Undefined when the outbox is empty.
 */
export function readOutbox(db: Db): Outbox | undefined {
  return db.transaction(() => {
    const maxSeq = db.prepare('SELECT max(seq) FROM team_outbox').pluck().get() as number | null;
    if (maxSeq === null) return undefined;
    const tables: TableChanges[] = [];
    let entries = 0;
    for (const entity of PUSH_ORDER) {
      const table = ENTITY_TABLE[entity];
      const columns = sharedColumns(table);
      // each distinct id once, with its row as it is now (none: deleted)
      const rows = db
        .prepare(
          `SELECT o.local_id, t.id IS NULL, ${columns.slice(1).map((c) => expr(table, c)).join(', ')}
           FROM (SELECT DISTINCT local_id FROM team_outbox WHERE entity = ? AND seq <= ?) o LEFT JOIN ${table} t ON t.id = o.local_id`,
        )
        .raw()
        .all(entity, maxSeq) as unknown[][];
      if (!rows.length) continue;
      entries += rows.length;
      const values: unknown[][] = columns.map(() => []);
      const deleted: number[] = [];
      for (const row of rows) {
        if (row[1]) {
          deleted.push(row[0] as number);
          continue;
        }
        values[0]!.push(row[0]);
        for (let c = 1; c < columns.length; c++) values[c]!.push(row[c + 1]);
      }
      tables.push({ table, columns, values, deleted });
    }
    return { maxSeq, entries, tables };
  })();
}

/**
 * Every shared row of this database, as one outbox that names them all (with the outbox's end,
 * which it covers): for a push that brings the team database back in line with this one.
 */
export function readEverything(db: Db): Outbox {
  return db.transaction(() => {
    const maxSeq = (db.prepare('SELECT max(seq) FROM team_outbox').pluck().get() as number | null) ?? 0;
    const tables: TableChanges[] = [];
    let entries = 0;
    for (const entity of PUSH_ORDER) {
      const table = ENTITY_TABLE[entity];
      const columns = sharedColumns(table);
      const rows = db.prepare(`SELECT ${columns.map((c) => expr(table, c)).join(', ')} FROM ${table} t`).raw().all() as unknown[][];
      entries += rows.length;
      const values: unknown[][] = columns.map((_, c) => rows.map((row) => row[c]));
      tables.push({ table, columns, values, deleted: [] });
    }
    return { maxSeq, entries, tables, everything: true };
  })();
}

/** Forgets the outbox rows the server has committed (never later ones, written meanwhile). */
export function clearOutbox(db: Db, maxSeq: number): void {
  db.prepare('DELETE FROM team_outbox WHERE seq <= ?').run(maxSeq);
}

// ---- the cache of what teammates share ----

export interface CachedRep {
  rep: string;
  name: string;
  version: number;
}

export function cachedReps(db: Db): CachedRep[] {
  return db.prepare('SELECT rep, name, version FROM team_reps ORDER BY rep').all() as CachedRep[];
}

/** The cache's columns of a table: rep, then the shared ones. */
export const cacheColumns = (table: SharedTable) => ['rep', ...sharedColumns(table)];

/**
 * Where a pull puts the rows it receives, page by page, before they replace the cache: temporary
 * tables of this connection (on disk, outside the database's lock), so that a large pull takes
 * neither the memory of all its rows nor the database's write lock while it waits on the
 * network. Emptied at the start of each pull; gone with the process.
 */
export interface Staging {
  add(table: SharedTable, rows: unknown[][]): void;
}

export function startStaging(db: Db): Staging {
  const inserts = new Map<SharedTable, (rows: unknown[][]) => void>();
  for (const table of TABLES) {
    const cols = cacheColumns(table).join(', ');
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS pull_${table} AS SELECT ${cols} FROM main.team_${table} WHERE 0; DELETE FROM temp.pull_${table};`);
    const insert = db.prepare(`INSERT INTO temp.pull_${table} (${cols}) VALUES (${cacheColumns(table).map(() => '?').join(', ')})`);
    inserts.set(
      table,
      db.transaction((rows: unknown[][]) => {
        for (const row of rows) insert.run(row);
      }),
    );
  }
  return { add: (table, rows) => inserts.get(table)!(rows) };
}

/** What a pull found: the reps as the server has them now, and those whose rows were staged anew. */
export interface Pulled {
  reps: CachedRep[];
  /** reps whose rows the staged ones replace */
  changed: string[];
}

/**
 * Writes a pull into the cache in one transaction: reps no longer on the server go with their
 * rows, the changed reps' rows are replaced by the staged ones, every rep's name and version are
 * stored. Returns the rows written.
 */
export function writeCache(db: Db, pulled: Pulled): number {
  const written = db.transaction(() => {
    const keep = new Set(pulled.reps.map((r) => r.rep));
    const gone = cachedReps(db).filter((r) => !keep.has(r.rep)).map((r) => r.rep);
    const drop = JSON.stringify([...gone, ...pulled.changed]);
    for (const table of [...TABLES].reverse()) db.prepare(`DELETE FROM main.team_${table} WHERE rep IN (SELECT value FROM json_each(?))`).run(drop);
    db.prepare('DELETE FROM main.team_reps WHERE rep IN (SELECT value FROM json_each(?))').run(JSON.stringify(gone));
    const upsertRep = db.prepare('INSERT INTO main.team_reps (rep, name, version) VALUES (?, ?, ?) ON CONFLICT (rep) DO UPDATE SET name = excluded.name, version = excluded.version');
    for (const r of pulled.reps) upsertRep.run(r.rep, r.name, r.version);
    let n = 0;
    for (const table of TABLES) {
      const cols = cacheColumns(table).join(', ');
      n += db.prepare(`INSERT INTO main.team_${table} (${cols}) SELECT ${cols} FROM temp.pull_${table}`).run().changes;
    }
    // the search of who-knows and the double-ask check, in bulk for the teammates just written (T3)
    refreshTeamSearch(db);
    return n;
  }).immediate();
  for (const table of TABLES) db.exec(`DELETE FROM temp.pull_${table}`);
  return written;
}

/** Records a completed sync (push and pull) in the local team configuration. */
export function markSynced(db: Db, at: string): void {
  db.prepare('UPDATE team SET last_sync_at = ?, last_pull_at = ?').run(at, at);
}

// ---- one sync at a time on this database ----

/**
 * Takes the lock that keeps two local syncs of this database from interleaving: an exclusive
 * SQLite transaction on a file beside the database (`<db>.sync-lock`, empty, mode 0600). The
 * operating system releases it when the process ends, however it ends (kill -9 included), so a
 * crashed sync never leaves a stale lock. Waits up to `timeoutMs` for another sync to finish.
 * Returns the release.
 */
export function lockSync(db: Db, timeoutMs: number): () => void {
  if (db.memory) return () => {};
  const path = `${db.name}.sync-lock`;
  closeSync(openSync(path, 'a', 0o600));
  const Database = db.constructor as new (path: string, opts: object) => Db;
  const lock = new Database(path, { timeout: timeoutMs, nativeBinding: addonPath() });
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new FailureError(`another refer team sync of ${db.name} is still running (waited ${Math.round(timeoutMs / 1000)} s); try again when it ends`);
    }
    throw err;
  }
  return () => {
    lock.exec('ROLLBACK');
    lock.close();
  };
}

