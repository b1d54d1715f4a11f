import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FailureError } from '../errors.js';
import { packageRoot } from '../paths.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';
import { explainSqliteError } from './errors.js';

export type Db = Database.Database;

/**
 * The addon's file. Named directly, better-sqlite3 does without the `bindings` package, which
 * finds the addon from the calling file's place: that is what lets scripts/build.mjs bundle
 * better-sqlite3's JavaScript (loading it file by file costs every start-up several ms).
 * First where npm puts it beside refer (a stat), else wherever Node's resolution finds it
 * (about 1.5 ms); undefined when the install keeps it elsewhere: better-sqlite3 then searches as usual.
 */
export function addonPath(): string | undefined {
  const beside = join(packageRoot(), 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(beside)) return beside;
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

/** How long a write waits for another refer process before giving up (ms). */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (creating it when absent, folder 0700 and file 0600 before SQLite touches it) and
 * migrates the database. A database made by a newer refer is refused and left untouched.
 */
export function openDb(path: string, opts: { create?: boolean } = {}): Db {
  const create = opts.create ?? true;
  const readonly = path !== ':memory:' && prepareFile(path, create) === 'readonly';
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !create && path !== ':memory:', timeout: BUSY_TIMEOUT_MS, readonly, nativeBinding: addonPath() });
  } catch (err) {
    throw explainSqliteError(err, path);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    refuseNewer(version, path);
    if (readonly) {
      if (version < SCHEMA_VERSION) throw new FailureError(`the database ${path} is read-only and needs an upgrade; make it writable first (nothing was changed)`);
      return db;
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (version < SCHEMA_VERSION) migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    throw explainSqliteError(err, path);
  }
}

/**
 * Makes sure the file exists with safe modes. A file whose owner-write bit is off is opened
 * read-only, even by root (who could otherwise write through the mode): the rep meant it.
 */
function prepareFile(path: string, create: boolean): 'readonly' | 'readwrite' {
  if (existsSync(path)) {
    const st = statSync(path);
    if (st.isDirectory()) throw new FailureError(`${path} is a folder, not a database file; pass a file path with --db`);
    return (st.mode & 0o200) === 0 ? 'readonly' : 'readwrite';
  }
  if (!create) throw new FailureError(`no database at ${path}`);
  const dir = dirname(path);
  try {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
    return 'readwrite';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FailureError(`cannot create the database ${path}: ${code === 'EACCES' || code === 'EROFS' ? 'permission denied' : (err as Error).message}`);
  }
}

function refuseNewer(version: number, path: string): void {
  if (version > SCHEMA_VERSION) {
    throw new FailureError(
      `${path} was made by a newer version of refer (schema ${version}; this refer knows up to ${SCHEMA_VERSION}). Upgrade refer; the database was not changed.`,
    );
  }
}

/**
 * Applies the pending migrations, each in its own immediate transaction. Foreign keys are off
 * meanwhile (the pragma cannot change inside a transaction): a migration may rebuild a table that
 * others refer to, SQLite's way to change a constraint, and with them on, dropping the old table
 * would delete every row that refers to it. Each migration is checked before it commits.
 */
export function migrate(db: Db, path = 'database'): void {
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    for (;;) {
      const applied = db.transaction(() => {
        // Read the version inside the write lock: another process may have migrated meanwhile.
        const version = db.pragma('user_version', { simple: true }) as number;
        refuseNewer(version, path);
        const sql = MIGRATIONS[version];
        if (sql === undefined) return false;
        db.exec(sql);
        if ((db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new FailureError(`upgrading ${path} to schema ${version + 1} would leave rows that refer to nothing; nothing was changed`);
        }
        db.pragma(`user_version = ${version + 1}`);
        return true;
      }).immediate();
      if (!applied) return;
    }
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
}
