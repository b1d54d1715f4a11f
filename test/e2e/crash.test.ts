// kill -9 at a bad moment: in the middle of a large import, and in the middle of a migration.
// The database must open afterwards, pass an integrity check, and hold all of the interrupted
// work or none of it.
import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open.js';
import { SCHEMA_VERSION } from '../../src/db/migrations/index.js';
import { BIN, BUILT_CLI, refer } from '../support/bin.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROWS = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
const walSize = (db: string) => (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);

/** Resolves when `check` holds (polled every 2 ms), or false after `timeoutMs`. */
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(2)) if (check()) return true;
  return false;
}

describe('kill -9 during a large import', () => {
  it('leaves a database that opens, passes integrity_check and holds all of the import or none of it', async () => {
    expect(existsSync(BUILT_CLI), 'run `npm run build` first').toBe(true);
    expect(refer(['relation', 'add', 'Sanne Visser'], s.env).code).toBe(0);
    const csv = join(s.dir, 'big.csv');
    const lines = Array.from({ length: ROWS }, (_, i) => `Contact ${i},Operations manager,Company ${i % 400} BV,Utrecht,https://www.linkedin.com/in/contact-${i}`);
    writeFileSync(csv, ['name,title,company,location,url', ...lines].join('\n'));

    // Odd runs are killed a random while after the start (reading, parsing, inserting); even runs
    // a random few milliseconds after the commit starts writing to the log: a torn commit.
    const outcomes: Array<{ run: number; duringCommit: boolean; killed: boolean; rows: number }> = [];
    for (let run = 0; run < 6; run++) {
      // start every run with an empty log, so that its growth means this import is committing
      const before = new Database(s.db);
      before.pragma('wal_checkpoint(TRUNCATE)');
      before.close();
      const child = spawn(process.execPath, [BIN, 'connection', 'import', 'Sanne Visser', csv], { env: s.env, stdio: 'ignore' });
      const duringCommit = run % 2 === 0;
      if (duringCommit) await until(() => walSize(s.db) > 0 || child.exitCode !== null, 30_000);
      await sleep(duringCommit ? Math.random() * 3 : 100 + Math.random() * 900);
      const killed = child.kill('SIGKILL') && child.exitCode === null;
      await exited(child);

      const db = new Database(s.db); // opening recovers from the log
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT count(*) FROM connections').pluck().get() as number;
      // all or nothing; a run that got all of them in leaves them for the next one (it changes nothing)
      expect([0, ROWS], `run ${run}`).toContain(rows);
      outcomes.push({ run, duringCommit, killed, rows });
      db.prepare('DELETE FROM connections').run();
      db.close();
    }
    // the kills did land in the middle of the work, the commit included
    expect(outcomes.filter((o) => o.killed && o.rows === 0).length, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.duringCommit && o.killed && o.rows === 0), JSON.stringify(outcomes)).toBe(true);
    // and refer itself carries on with that database
    const after = refer(['connection', 'import', 'Sanne Visser', csv, '--json'], s.env);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ imported: ROWS });
  }, 120_000);
});

describe('kill -9 during a migration', () => {
  it('leaves the database as it was before the migration, and the next start migrates it', async () => {
    // A migration takes milliseconds, too short to hit from outside. This child runs the real
    // migrate() and stops inside its transaction (the schema created, the version not yet set),
    // with a tiny page cache so the unfinished migration is already written to the log; then it
    // says so and waits to be killed.
    const db = join(s.dir, 'fresh.db');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `
        import Database from 'better-sqlite3';
        import { writeSync } from 'node:fs';
        const { migrate } = await import(${JSON.stringify(join(ROOT, 'src', 'db', 'open.ts'))});
        const db = new Database(${JSON.stringify(db)});
        db.pragma('journal_mode = WAL');
        db.pragma('cache_size = 1');
        const pragma = db.pragma.bind(db);
        db.pragma = (source, options) => {
          if (/^user_version = \\d+$/.test(source)) {
            writeSync(1, 'in the migration\\n');
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
          }
          return pragma(source, options);
        };
        migrate(db);
        `,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    expect(await until(() => out.includes('in the migration') || child.exitCode !== null, 30_000), err).toBe(true);
    expect(out, err).toContain('in the migration');
    expect(walSize(db)).toBeGreaterThan(0); // the unfinished migration is on disk
    child.kill('SIGKILL');
    await exited(child);

    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
    raw.close();
    const migrated = openDb(db);
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrated.pragma('integrity_check', { simple: true })).toBe('ok');
    migrated.close();
  }, 60_000);
});
