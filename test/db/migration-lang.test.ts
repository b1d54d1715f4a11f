// The languages migration rebuilds the profile and asks tables to widen their language CHECK.
// Tested on a database made at the version before it, with every table that refers to asks filled.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import lang from '../../src/db/migrations/004_lang.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/db/migrations/index.js';
import { openDb } from '../../src/db/open.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'refer-lang-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const AT = '2026-03-01T10:00:00.000Z';
const BEFORE = MIGRATIONS.indexOf(lang);

/** A database at the schema before the languages migration, holding one of everything. */
function oldDatabase(path: string): void {
  const raw = new Database(path);
  raw.pragma('foreign_keys = ON');
  for (const sql of MIGRATIONS.slice(0, BEFORE)) raw.exec(sql);
  raw.pragma(`user_version = ${BEFORE}`);
  raw.exec(`
    INSERT INTO profile (id, name, company, offer, value, lang, updated_at)
      VALUES (1, 'Eva Jansen', 'Routewise', 'routeplanning voor regionale vervoerders', '20% minder lege kilometers', 'nl', '${AT}');
    INSERT INTO relations (id, name, created_at, updated_at) VALUES (1, 'Sanne Visser', '${AT}', '${AT}');
    INSERT INTO connections (id, relation_id, name, source, created_at, updated_at) VALUES (1, 1, 'Joris de Wit', 'manual', '${AT}', '${AT}');
    INSERT INTO asks (id, relation_id, channel, kind, template, lang, asked_at, script, forward, created_at)
      VALUES (7, 1, 'email', 'referral', 'referral/email.nl', 'nl', '${AT}', 'Zou Joris geholpen zijn met …?', 'Eva biedt …', '${AT}');
    INSERT INTO referrals (id, ask_id, connection_id, asked_at, updated_at) VALUES (3, 7, 1, '${AT}', '${AT}');
    INSERT INTO referral_events (referral_id, stage, at, created_at) VALUES (3, 'asked', '${AT}', '${AT}');
    INSERT INTO followups (id, uid, relation_id, ask_id, due_at, created_at, updated_at) VALUES (5, 'f-5', 1, 7, '${AT}', '${AT}', '${AT}');
    INSERT INTO team (id, url, rep, name, joined_at) VALUES (1, 'postgres://db.example.invalid/sales', 'eva', 'Eva Jansen', '${AT}');
    DELETE FROM team_outbox;`);
  raw.close();
}

/** What the schema says of a table besides its own definition: its indexes, triggers and foreign keys. */
function around(db: Database.Database, table: string) {
  return {
    schema: db
      .prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name")
      .all(table),
    foreignKeys: db.pragma(`foreign_key_list(${table})`),
    columns: db.pragma(`table_info(${table})`),
  };
}

describe('the languages migration', () => {
  it('keeps every row, id, index, trigger and foreign key, and the texts as the main language\'s', () => {
    const path = join(dir, 'old.db');
    oldDatabase(path);
    const raw = new Database(path, { readonly: true });
    const tables = ['profile', 'asks', 'referrals', 'followups'];
    const before = Object.fromEntries(tables.map((t) => [t, around(raw, t)]));
    const rows = Object.fromEntries(['profile', 'asks', 'referrals', 'referral_events', 'followups', 'team_outbox'].map((t) => [t, raw.prepare(`SELECT * FROM ${t}`).all()]));
    raw.close();

    const db = openDb(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    for (const t of tables) expect(around(db, t), t).toEqual(before[t]);
    for (const [t, list] of Object.entries(rows)) expect(db.prepare(`SELECT * FROM ${t}`).all(), t).toEqual(list);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // the Dutch texts stay the main language's; no other language has texts yet
    expect(db.prepare('SELECT lang, offer, value FROM profile').get()).toEqual({ lang: 'nl', offer: 'routeplanning voor regionale vervoerders', value: '20% minder lege kilometers' });
    expect(db.prepare('SELECT count(*) FROM profile_texts').pluck().get()).toBe(0);
    // the copy sent nothing to the team (team_outbox is still empty, above); a new ask is tracked
    db.prepare("INSERT INTO asks (relation_id, channel, template, lang, asked_at, script, created_at) VALUES (1, 'call', 'referral/call.da', 'da', ?, 'x', ?)").run(AT, AT);
    expect(db.prepare('SELECT entity FROM team_outbox ORDER BY seq').pluck().all()).toEqual(['ask', 'relation']);
    db.close();
  });

  it('takes Danish and German asks and profiles afterwards, still refuses a malformed language, and still cascades', () => {
    const path = join(dir, 'old.db');
    oldDatabase(path);
    const db = openDb(path);
    db.prepare("UPDATE profile SET lang = 'da'").run();
    db.prepare("INSERT INTO asks (relation_id, channel, template, lang, asked_at, script, created_at) VALUES (1, 'call', 'referral/call.de', 'de', ?, 'x', ?)").run(AT, AT);
    expect(() => db.prepare("UPDATE profile SET lang = 'dansk'").run()).toThrow(/CHECK/);
    // the trigger that copies an ask's kind to its referrals works on the rebuilt table
    db.prepare("UPDATE asks SET kind = 'quote' WHERE id = 7").run();
    expect(db.prepare('SELECT ask_kind FROM referrals WHERE id = 3').pluck().get()).toBe('quote');
    db.prepare('DELETE FROM asks WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) FROM referrals').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM followups').pluck().get()).toBe(0);
    db.close();
  });
});
