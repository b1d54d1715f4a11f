import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDb } from '../../src/db/open.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/db/migrations/index.js';
import { FailureError } from '../../src/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'refer-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDb', () => {
  it('creates the folder 0700 and the file 0600, migrated to the latest schema, in WAL mode', () => {
    const path = join(dir, 'nested', 'refer.db');
    const db = openDb(path);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('makes every table STRICT', () => {
    const db = openDb(join(dir, 'refer.db'));
    // (sqlite_sequence is SQLite's own, for AUTOINCREMENT; a full-text index's shadow tables are SQLite's too)
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN (SELECT name FROM pragma_table_list WHERE type <> 'table')",
      )
      .all() as Array<{ name: string; sql: string }>;
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT(, WITHOUT ROWID)?$/);
    db.close();
  });

  it('refuses a database made by a newer refer and leaves it untouched', () => {
    const path = join(dir, 'future.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(path);
    expect(() => openDb(path)).toThrow(FailureError);
    expect(() => openDb(path)).toThrow(/newer version of refer/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('upgrades a database made by each earlier version, keeping its data', () => {
    for (let from = 1; from < SCHEMA_VERSION; from++) {
      const path = join(dir, `v${from}.db`);
      const raw = new Database(path);
      for (let v = 0; v < from; v++) raw.exec(MIGRATIONS[v]!);
      raw.pragma(`user_version = ${from}`);
      raw.prepare("INSERT INTO relations (name, created_at, updated_at) VALUES ('Ilse Vermeulen', 'x', 'x')").run();
      raw.close();
      const db = openDb(path);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare('SELECT name FROM relations').pluck().all()).toEqual(['Ilse Vermeulen']);
      db.close();
    }
  });

  it('runs each migration in a transaction: a failing one leaves the version where it was', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE relations (id INTEGER PRIMARY KEY)'); // clashes with migration 1
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'profile'").pluck().get()).toBe(0);
    db.close();
  });

  it('explains a file that is not SQLite, a folder, and a read-only file', () => {
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'these are not the droids you are looking for'.repeat(100));
    expect(() => openDb(junk)).toThrow(/not a refer database/);
    expect(readFileSync(junk, 'utf8')).toContain('droids');

    const folder = join(dir, 'folder.db');
    mkdirSync(folder);
    expect(() => openDb(folder)).toThrow(/is a folder/);

    const ro = join(dir, 'ro.db');
    openDb(ro).close();
    chmodSync(ro, 0o400);
    const db = openDb(ro);
    expect(() => db.prepare("INSERT INTO relations (name, created_at, updated_at) VALUES ('x', 'x', 'x')").run()).toThrow(/readonly/i);
    db.close();
  });
});

describe('migration 2 (the ask kind on each referral)', () => {
  it('fills it from the ask for a database of schema 1, then keeps it for new referrals and a changed kind', () => {
    const path = join(dir, 'v1.db');
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]!);
    raw.pragma('user_version = 1');
    const at = '2026-03-01T10:00:00.000Z';
    raw.exec(`
      INSERT INTO relations (id, name, created_at, updated_at) VALUES (1, 'Sanne Visser', '${at}', '${at}');
      INSERT INTO connections (id, relation_id, name, source, created_at, updated_at) VALUES (1, 1, 'Joris de Wit', 'manual', '${at}', '${at}'), (2, 1, 'Eva Jansen', 'manual', '${at}', '${at}');
      INSERT INTO asks (id, relation_id, channel, kind, template, lang, asked_at, script, created_at) VALUES
        (1, 1, 'email', 'referral', 'referral/email', 'en', '${at}', 'Would Joris be helped by …?', '${at}'),
        (2, 1, 'email', 'quote', 'quote/email', 'en', '${at}', 'A quote?', '${at}');
      INSERT INTO referrals (id, ask_id, connection_id, asked_at, updated_at) VALUES (1, 1, 1, '${at}', '${at}'), (2, 2, 2, '${at}', '${at}');`);
    raw.close();

    const db = openDb(path);
    const kinds = () => db.prepare('SELECT id, ask_kind FROM referrals ORDER BY id').raw().all();
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(kinds()).toEqual([[1, 'referral'], [2, 'quote']]);
    // a row written as if it were a referral ask's takes its ask's kind all the same
    db.prepare("INSERT INTO referrals (id, ask_id, connection_id, asked_at, updated_at, ask_kind) VALUES (3, 2, 1, ?, ?, 'referral')").run(at, at);
    expect(kinds()).toEqual([[1, 'referral'], [2, 'quote'], [3, 'quote']]);
    db.prepare("UPDATE asks SET kind = 'review' WHERE id = 2").run();
    expect(kinds()).toEqual([[1, 'referral'], [2, 'review'], [3, 'review']]);
    db.close();
  });
});
