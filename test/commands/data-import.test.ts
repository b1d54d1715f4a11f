import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';
import { now, seed } from './data-seed.js';
import { SCHEMA_VERSION } from '../../src/db/migrations/index.js';

let s: Sandbox;
let exported: any;
let file: string;
beforeEach(async () => {
  s = sandbox();
  await seed(s);
  file = join(s.dir, 'export.json');
  expect((await s.run(['export', '-o', file], { now })).code).toBe(0);
  exported = JSON.parse(readFileSync(file, 'utf8'));
});
afterEach(() => s.cleanup());

const write = (name: string, content: unknown) => {
  const path = join(s.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const clone = () => structuredClone(exported);
const rowsIn = (db: string) => {
  const raw = new Database(db, { readonly: true });
  const n = raw.prepare('SELECT (SELECT count(*) FROM relations) + (SELECT count(*) FROM connections) + (SELECT count(*) FROM asks)').pluck().get();
  raw.close();
  return n;
};

describe('refer import', () => {
  it('keeps the ids, so references still hold after the restore', async () => {
    const doc = clone();
    // ids with gaps, as after deletions
    for (const c of doc.tables.connections) c.id += 100;
    for (const f of doc.tables.referrals) f.connectionId += 100;
    const target = join(s.dir, 'restored.db');
    const r = await s.run(['--db', target, 'import', write('gaps.json', doc)], { now });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Imported \d+ rows from .*gaps\.json into .*restored\.db \(icp 1, relations 2, .*profile 1, profileTexts 1\)/);
    const show = (await s.run(['--db', target, 'relation', 'show', 'Sanne Visser', '--json'], { now })).json();
    expect(JSON.stringify(show)).toContain('Pieter de Groot');
    const conns = (await s.run(['--db', target, 'connection', 'list', 'Bram Kok', '--json'], { now })).json();
    expect(conns.map((c: any) => c.id)).toEqual([103]);
  });

  it('restores an export made before referrals kept their ask kind (schema 1), with the same stats', async () => {
    const doc = clone();
    expect(doc.tables.referrals.length).toBeGreaterThan(0);
    doc.schemaVersion = 1;
    for (const f of doc.tables.referrals) delete f.askKind;
    const target = join(s.dir, 'old.db');
    const r = await s.run(['--db', target, 'import', write('old.json', doc)], { now });
    expect(r.code, r.stderr).toBe(0);
    const stats = async (args: string[]) => (await s.run([...args, 'stats', '--json'], { now })).json().funnel;
    expect(await stats(['--db', target])).toEqual(await stats([]));
  });

  it('refuses a database that holds data unless --force, which makes a backup first and says where', async () => {
    const before = readFileSync(s.db);
    const refused = await s.run(['import', file], { now });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already holds data \(icp 1, relations 2, .*, profile 1, profileTexts 1\); `refer import` restores into an empty database/);
    expect(refused.stderr).toMatch(/--force/);
    expect(readFileSync(s.db).equals(before)).toBe(true);

    await s.run(['relation', 'add', 'Joris de Wit'], { now });
    const forced = await s.run(['import', file, '--force', '--json'], { now });
    expect(forced.code, forced.stderr).toBe(0);
    const backup = forced.json().backup as string;
    expect(backup).toBe(join(s.env.XDG_DATA_HOME!, 'refer', 'backups', 'refer-2026-11-25-110000.db'));
    expect(forced.stderr).toContain(`Backed up the current database to ${backup}`);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    // the backup holds the data as it was (with Joris), the database the file's data (without)
    const names = (db: string) => new Database(db, { readonly: true }).prepare('SELECT name FROM relations ORDER BY id').pluck().all();
    expect(names(backup)).toEqual(['Sanne Visser', 'Bram Kok', 'Joris de Wit']);
    expect(names(s.db)).toEqual(['Sanne Visser', 'Bram Kok']);
  });

  const bad: Array<[string, (doc: any) => unknown, RegExp]> = [
    ['not JSON', () => '{"formatVersion": 1, "tables": {', /is not JSON \(.*\); pass a file made by `refer export`/],
    ['a JSON file that is no export', () => [1, 2, 3], /is not a refer export \(it has no formatVersion and schemaVersion\)/],
    ['a newer format', (d) => ({ ...d, formatVersion: 2, tables: { relations: 'whatever' } }), new RegExp(`made by a newer version of refer \\(format 2, schema ${SCHEMA_VERSION}; this refer reads format 1, schema ${SCHEMA_VERSION}\\)`)],
    ['a newer schema', (d) => ({ ...d, schemaVersion: 99 }), /made by a newer version of refer \(format 1, schema 99/],
    ['a wrong type', (d) => (d.tables.relations[1].trust = 'high', d), /not a valid refer export: tables\.relations\[1\]\.trust: .*expected number/],
    ['a missing column', (d) => (delete d.tables.asks[0].script, d), /tables\.asks\[0\]\.script: .*expected string/],
    ['an unknown column', (d) => (d.tables.moments[0].mood = 'happy', d), /tables\.moments\[0\]: Unrecognized key: "mood"/],
    ['an unknown table', (d) => (d.tables.secrets = [], d), /tables: Unrecognized key: "secrets"/],
    ['a time that is not ISO UTC', (d) => (d.tables.followups[1].dueAt = '27-11-2026 10:00', d), /tables\.followups\[1\]\.dueAt: Invalid ISO datetime/],
    ['a value the schema forbids', (d) => (d.tables.npsAnswers[0].score = 11, d), /tables\.npsAnswers\[0\] does not fit the database \(CHECK constraint failed: score BETWEEN 0 AND 10\)/],
    ['a reference to nothing', (d) => (d.tables.moments[1].relationId = 77, d), /tables\.moments\[1\] does not fit the database \(FOREIGN KEY constraint failed\)/],
  ];
  it.each(bad)('refuses %s with the reason, leaving the database untouched', async (_what, change, message) => {
    const target = join(s.dir, 'target.db');
    await s.run(['--db', target, 'relation', 'list'], { now }); // an existing, empty database
    const before = readFileSync(target);
    for (const force of [[], ['--force']]) {
      const r = await s.run(['--db', target, 'import', write('bad.json', change(clone())), ...force], { now });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
      expect(readFileSync(target).equals(before)).toBe(true);
    }
    // a bad file never creates a database either
    const fresh = join(s.dir, 'fresh.db');
    expect((await s.run(['--db', fresh, 'import', join(s.dir, 'bad.json')], { now })).code).toBe(2);
    expect(existsSync(fresh)).toBe(false);
  });

  it('rolls back everything when a row late in the file fails, even with --force on a full database', async () => {
    const doc = clone();
    doc.tables.playbookProgress[0].relationId = 42;
    await s.run(['relation', 'add', 'Joris de Wit'], { now });
    const r = await s.run(['import', write('late.json', doc), '--force'], { now });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tables\.playbookProgress\[0\] does not fit the database/);
    expect(rowsIn(s.db)).toBe(2 + 1 + 3 + 2);
    expect((await s.run(['relation', 'show', 'Joris de Wit', '--json'], { now })).code).toBe(0);
  });

  it('explains a missing file or a folder', async () => {
    const fresh = join(s.dir, 'fresh.db');
    const missing = await s.run(['--db', fresh, 'import', join(s.dir, 'nope.json')], { now });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no file .*nope\.json/);
    const folder = await s.run(['--db', fresh, 'import', s.dir], { now });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder; pass the file made by `refer export -o FILE`/);
    expect(existsSync(fresh)).toBe(false);
  });
});
