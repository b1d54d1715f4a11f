import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open.js';
import { type Sandbox, sandbox } from '../support/run.js';
import { now, seed } from './data-seed.js';

let s: Sandbox;
beforeEach(async () => {
  s = sandbox();
  await seed(s);
});
afterEach(() => s.cleanup());

const exportOf = async (db: string) => {
  const doc = (await s.run(['--db', db, 'export'], { now })).json();
  return { ...doc, exportedAt: null };
};

describe('refer backup', () => {
  it('copies the database into the data folder under a dated name (local time), 0600 in a 0700 folder', async () => {
    const r = await s.run(['backup'], { now });
    expect(r.code, r.stderr).toBe(0);
    const dir = join(s.env.XDG_DATA_HOME!, 'refer', 'backups');
    // 10:00 UTC is 11:00 in Amsterdam
    const path = join(dir, 'refer-2026-11-25-110000.db');
    expect(r.stdout).toBe(`${path}\n`);
    expect(r.stderr).toMatch(/^Backed up .*refer\.db to .*refer-2026-11-25-110000\.db \(\d+ KB, readable by you only\)\. To restore it: use it with --db .*, or copy it over .*refer\.db while no refer runs/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(await exportOf(path)).toEqual(await exportOf(s.db));

    // a second backup in the same second gets its own name; nothing is overwritten
    const again = await s.run(['backup', '--json'], { now });
    expect(again.json()).toEqual({ path: join(dir, 'refer-2026-11-25-110000-2.db'), bytes: statSync(join(dir, 'refer-2026-11-25-110000-2.db')).size });
    expect(readdirSync(dir).sort()).toEqual(['refer-2026-11-25-110000-2.db', 'refer-2026-11-25-110000.db']);
  });

  it('writes -o in one go, replacing an older copy, and the copy passes an integrity check on its own', async () => {
    const target = join(s.dir, 'copy.db');
    writeFileSync(target, 'an older copy');
    const r = await s.run(['backup', '-o', target], { now });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(s.dir).filter((f) => f.includes('copy.db') && f !== 'copy.db')).toEqual([]);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // restore by pointing --db at it, or by copying it over the database
    expect(await exportOf(target)).toEqual(await exportOf(s.db));
  });

  it('holds what was committed when it started, while another connection keeps writing', async () => {
    // enough pages that the backup takes several steps, with writes landing between them
    const db = openDb(s.db);
    const add = db.prepare("INSERT INTO connections (relation_id, name, created_at, updated_at) VALUES (2, ?, 'x', 'x')");
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) add.run(`Contact ${i} ${'x'.repeat(100)}`);
    }).immediate();
    let writing = true;
    let batches = 0;
    const writer = (async () => {
      while (writing) {
        db.transaction(() => {
          for (let i = 0; i < 50; i++) add.run(`Late ${batches}-${i}`);
        }).immediate();
        batches++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const r = await s.run(['backup', '-o', join(s.dir, 'busy.db'), '--json'], { now });
    writing = false;
    await writer;
    db.close();
    expect(r.code, r.stderr).toBe(0);
    expect(batches).toBeGreaterThan(0);
    const copy = new Database(join(s.dir, 'busy.db'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    // every batch of 50 is there whole, or not at all
    const late = copy.prepare("SELECT count(*) FROM connections WHERE name LIKE 'Late %'").pluck().get() as number;
    expect(late % 50).toBe(0);
    copy.close();
  });

  it('refuses a database that does not exist yet, and a folder that does not exist', async () => {
    const none = await s.run(['--db', join(s.dir, 'none.db'), 'backup'], { now });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no database at .*none\.db yet; nothing to back up/);
    expect(existsSync(join(s.dir, 'none.db'))).toBe(false);
    const r = await s.run(['backup', '-o', join(s.dir, 'missing', 'copy.db')], { now });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*copy\.db: the folder .*missing does not exist/);
  });
});
