// Two (or twenty) terminals at once: real refer processes writing to one database in parallel.
// Writes take the lock up front (immediate transactions) and wait for each other (busy timeout),
// so none of them fails with "database is locked", and nothing is lost or half written.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, BUILT_CLI, refer } from '../support/bin.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

interface Done {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the built bin without waiting for it; killed if it runs longer than `timeoutMs`. */
function start(args: string[], env: Record<string, string | undefined>, timeoutMs = 40_000): Promise<Done> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ args, code, stdout, stderr }));
  });
}

const CONNECTIONS = 3000;

describe('several refer processes on one database', () => {
  it('all succeed, and the database holds exactly what each of them wrote', async () => {
    expect(existsSync(BUILT_CLI), 'run `npm run build` first').toBe(true);
    expect(refer(['relation', 'add', 'Sanne Visser'], s.env).code).toBe(0);
    const csv = join(s.dir, 'connections.csv');
    const rows = Array.from({ length: CONNECTIONS }, (_, i) => `Contact ${i},Operations manager,Company ${i % 300} BV,Utrecht,https://www.linkedin.com/in/contact-${i}`);
    writeFileSync(csv, ['name,title,company,location,url', ...rows].join('\n'));

    const jobs = [
      start(['connection', 'import', 'Sanne Visser', csv, '--json'], s.env),
      ...Array.from({ length: 10 }, (_, i) => start(['relation', 'add', `Writer ${i}`, '--trust', String((i % 5) + 1)], s.env)),
      ...Array.from({ length: 10 }, (_, i) => start(['nps', 'Sanne Visser', String(i), '--comment', `answer ${i}`], s.env)),
      start(['backup', '-o', join(s.dir, 'during-1.db')], s.env),
      start(['backup', '-o', join(s.dir, 'during-2.db')], s.env),
      start(['export', '-o', join(s.dir, 'during.json')], s.env),
      start(['relation', 'list', '--json'], s.env),
    ];
    const done = await Promise.all(jobs);
    for (const d of done) {
      expect(d.stderr, d.args.join(' ')).not.toMatch(/locked|busy|unexpected/i);
      expect(d.code, `${d.args.join(' ')}: ${d.stderr}`).toBe(0);
    }
    expect(JSON.parse(done[0]!.stdout)).toMatchObject({ imported: CONNECTIONS });

    const db = new Database(s.db, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM connections').pluck().get()).toBe(CONNECTIONS);
    expect(db.prepare('SELECT name FROM relations ORDER BY name').pluck().all()).toEqual([
      'Sanne Visser', ...Array.from({ length: 10 }, (_, i) => `Writer ${i}`),
    ]);
    expect(db.prepare('SELECT score FROM nps_answers ORDER BY score').pluck().all()).toEqual(Array.from({ length: 10 }, (_, i) => i));
    db.close();

    // what the readers took in the middle of it is consistent: the import is in it whole or not at all
    for (const file of ['during-1.db', 'during-2.db']) {
      const copy = new Database(join(s.dir, file), { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true }), file).toBe('ok');
      expect([0, CONNECTIONS], file).toContain(copy.prepare('SELECT count(*) FROM connections').pluck().get());
      copy.close();
    }
    const exported = JSON.parse(readFileSync(join(s.dir, 'during.json'), 'utf8'));
    expect([0, CONNECTIONS]).toContain(exported.tables.connections.length);
  }, 90_000);
});
