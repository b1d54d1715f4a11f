// The data commands in a bad environment: a read-only, corrupt, newer or misplaced database, a
// folder that cannot be written, a disk that fills up during an export. Each gets one clear
// line, exit 1, and the existing data untouched. (Opening such databases is tested in
// test/db/open.test.ts and with the bin in test/e2e/foundation.test.ts; this covers what the data
// commands do with them.)
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BIN, BUILT_CLI } from '../support/bin.js';
import { type Sandbox, sandbox } from '../support/run.js';
import { now, seed } from './data-seed.js';

// A disk that fills up: when `full` is set, the next write stores half of its bytes and the one
// after fails with ENOSPC, as a real full disk does.
const disk = vi.hoisted(() => ({ full: false, wrote: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = (fd: number, buffer: Uint8Array, offset = 0, length = buffer.length - offset) => {
    if (!disk.full) return fs.writeSync(fd, buffer, offset, length);
    if (!disk.wrote) {
      disk.wrote = true;
      return fs.writeSync(fd, buffer, offset, Math.ceil(length / 2));
    }
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  };
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
  disk.full = false;
  disk.wrote = false;
});
afterEach(() => {
  disk.full = false;
  s.cleanup();
});

const tmpFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('a full disk during export', () => {
  it('leaves the existing export untouched, removes the half-written temporary file and exits 1', async () => {
    await seed(s);
    const file = join(s.dir, 'export.json');
    writeFileSync(file, 'the export of last week');
    disk.full = true;
    const r = await s.run(['export', '-o', file], { now });
    expect(disk.wrote).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: no room to write ${file}: the disk is full (or a file size limit was reached); ${file} is unchanged\n`);
    expect(readFileSync(file, 'utf8')).toBe('the export of last week');
    expect(tmpFiles(s.dir)).toEqual([]);
  });

  it('says nothing was written when there was no file yet, for each CSV file too', async () => {
    await seed(s);
    disk.full = true;
    const json = await s.run(['export', '-o', join(s.dir, 'new.json')], { now });
    expect(json.code).toBe(1);
    expect(json.stderr).toMatch(/no room to write .*new\.json: the disk is full .*; nothing was written/);
    expect(existsSync(join(s.dir, 'new.json'))).toBe(false);
    disk.wrote = false;
    const csv = await s.run(['export', '--format', 'csv', '-o', join(s.dir, 'csv')], { now });
    expect(csv.code).toBe(1);
    expect(csv.stderr).toMatch(/no room to write .*icp\.csv/);
    expect(readdirSync(join(s.dir, 'csv'))).toEqual([]);
  });

  it('stops a real process at a file size limit the same way (a write that fails on the disk)', () => {
    // RLIMIT_FSIZE makes the kernel refuse writes past the limit (EFBIG), for root too; Node
    // ignores the SIGXFSZ that comes with it. This runs the built bin (npm test builds it).
    expect(existsSync(BUILT_CLI), 'run `npm run build` first').toBe(true);
    const rows = Array.from({ length: 1500 }, (_, i) => `Contact ${i},Chief Executive Officer,Company ${i} Logistics BV,Utrecht,https://www.linkedin.com/in/contact-${i}`);
    const csv = join(s.dir, 'contacts.csv');
    writeFileSync(csv, ['name,title,company,location,url', ...rows].join('\n'));
    const setup = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: s.env, encoding: 'utf8' });
    expect(setup(['relation', 'add', 'Sanne Visser']).status).toBe(0);
    expect(setup(['connection', 'import', 'Sanne Visser', csv]).status).toBe(0);
    const file = join(s.dir, 'export.json');
    writeFileSync(file, 'the export of last week');
    // 256 blocks of 512 bytes (or 1024, depending on the shell): more than SQLite's 32 KiB
    // shared-memory file, less than this export (about 600 KB)
    const r = spawnSync('sh', ['-c', 'ulimit -f 256 && exec "$0" "$@"', process.execPath, BIN, 'export', '-o', file], { env: s.env, encoding: 'utf8' });
    expect(r.stderr).toMatch(/^error: no room to write .*export\.json: the disk is full \(or a file size limit was reached\); .*export\.json is unchanged\n$/);
    expect(r.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('the export of last week');
    expect(tmpFiles(s.dir)).toEqual([]);
  });
});

describe('the data commands on a bad database', () => {
  const untouched = (file: string, run: () => Promise<void>) => async () => {
    const before = readFileSync(file);
    await run();
    expect(readFileSync(file).equals(before)).toBe(true);
  };

  it('export and back up a read-only database, but refuse to import into it or forget from it', async () => {
    await seed(s);
    const file = join(s.dir, 'export.json');
    expect((await s.run(['export', '-o', file], { now })).code).toBe(0);
    chmodSync(s.db, 0o400);
    await untouched(s.db, async () => {
      expect((await s.run(['export'], { now })).json().tables.relations).toHaveLength(2);
      const backup = await s.run(['backup', '-o', join(s.dir, 'copy.db')], { now });
      expect(backup.code, backup.stderr).toBe(0);
      for (const args of [['import', file, '--force'], ['forget', 'Sanne Visser', '--force']]) {
        const r = await s.run(args, { now });
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr).toMatch(/^error: the database .*refer\.db is read-only; check its permissions \(nothing was changed\)\n$/);
      }
    })();
    const copy = new Database(join(s.dir, 'copy.db'), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM relations').pluck().get()).toBe(2);
    copy.close();
  });

  it('refuse a file that is not SQLite, a database from a newer refer, and a folder, with exit 1', async () => {
    const junk = join(s.dir, 'notes.db');
    writeFileSync(junk, 'Shopping list: milk, eggs. '.repeat(400));
    const newer = join(s.dir, 'newer.db');
    const raw = new Database(newer);
    raw.pragma('user_version = 999');
    raw.close();
    const folder = join(s.dir, 'folder.db');
    mkdirSync(folder);
    const file = join(s.dir, 'export.json');
    writeFileSync(file, JSON.stringify({ formatVersion: 1, schemaVersion: 1, exportedAt: now.toISOString(), tables: {} }));
    const cases: Array<[string, RegExp]> = [
      [junk, /is not a refer database \(not SQLite, or damaged\)/],
      [newer, /was made by a newer version of refer \(schema 999/],
      [folder, /is a folder, not a database file/],
    ];
    for (const [db, message] of cases) {
      for (const args of [['export'], ['backup', '-o', join(s.dir, 'b.db')], ['import', file, '--force'], ['forget', 'Sanne Visser', '--force']]) {
        const before = existsSync(db) && !db.endsWith('folder.db') ? readFileSync(db) : null;
        const r = await s.run(['--db', db, ...args], { now });
        expect(r.code, `${db} ${args.join(' ')}: ${r.stderr}`).toBe(1);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(r.stdout).toBe('');
        if (before) expect(readFileSync(db).equals(before)).toBe(true);
      }
    }
    expect(existsSync(join(s.dir, 'b.db'))).toBe(false);
  });

  it.runIf(process.platform === 'linux' && existsSync('/sys/kernel'))('explains a folder that cannot be written, for root too', async () => {
    // sysfs refuses new files to everyone; permission bits would not stop root
    await seed(s);
    const target = '/sys/kernel/refer-export.json';
    const r = await s.run(['export', '-o', target], { now });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: cannot write ${target}: permission denied; nothing was written\n`);
    const db = await s.run(['--db', '/sys/kernel/refer.db', 'import', join(s.dir, 'x.json')], { now });
    expect(db.code).toBe(2); // the missing file is found first: nothing is opened or created
    const backup = await s.run(['backup', '-o', '/sys/kernel/refer-backup.db'], { now });
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(/cannot write \/sys\/kernel\/refer-backup\.db: permission denied/);
  });
});
