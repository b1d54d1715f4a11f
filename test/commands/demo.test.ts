import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const now = new Date('2026-11-24T09:00:00+01:00');

describe('refer demo', () => {
  it('makes a separate demo database in the data folder, never the real one, and says what to try', async () => {
    const r = await s.run(['demo', '--json'], { now });
    expect(r.code).toBe(0);
    const out = r.json();
    const demo = join(s.env.XDG_DATA_HOME!, 'refer', 'demo.db');
    expect(out).toMatchObject({ db: demo, seed: 1, counts: { relations: 12, asks: 16, referrals: 35, followups: 18 } });
    expect(existsSync(demo)).toBe(true);
    expect(statSync(demo).mode & 0o777).toBe(0o600);
    expect(existsSync(s.db)).toBe(false); // REFER_DB, the rep's own database
    expect(out.next).toEqual([
      `refer today --db ${demo}`,
      `refer relation list --db ${demo}`,
      `refer connection list 1 --fit --limit 10 --db ${demo}`,
      expect.stringMatching(new RegExp(`^refer ask 1 --to \\d+ \\d+ \\d+ --dry-run --db ${demo}$`)),
      `refer followup --db ${demo}`,
      `refer stats --db ${demo}`,
      `refer stats --by channel --db ${demo}`,
      `refer relation show 1 --db ${demo}`,
    ]);
    // the people suggested for the ask are Sanne's shortlist
    const to = out.next[3].split(' --to ')[1].split(' --')[0].split(' ');
    const conns = (await s.run(['connection', 'list', '1', '--db', demo, '--json'], { now })).json();
    for (const id of to) expect(conns.find((c: any) => String(c.id) === id)).toMatchObject({ shortlisted: true });

    const text = await s.run(['demo', '--force'], { now });
    expect(text.stdout).toMatch(/^Made a demo database \(seed 1, [\d.]+ s\): 12 relations, 270 connections, 16 asks, 35 referrals, 18 follow-ups\./);
    expect(text.stdout).toMatch(new RegExp(`  refer today --db ${demo} +# what to do now`));
  });

  it('refuses the real database, also when named by --db', async () => {
    const r = await s.run(['demo', '--db', s.db], { now });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${s.db} is the database for your own data (REFER_DB)`);
    expect(existsSync(s.db)).toBe(false);
    // the default database, without REFER_DB
    const env = { REFER_DB: '' };
    const real = join(s.env.XDG_DATA_HOME!, 'refer', 'refer.db');
    const d = await s.run(['demo', '--db', real], { now, env });
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('(the default)');
    expect(existsSync(real)).toBe(false);
    // REFER_DB pointing at the default demo file: the demo needs another place
    const clash = await s.run(['demo'], { now, env: { REFER_DB: join(s.env.XDG_DATA_HOME!, 'refer', 'demo.db') } });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('pass a file for the demo with --db');
  });

  it('replaces an existing demo only with --force when there is no terminal to ask on', async () => {
    const file = join(s.dir, 'try me', 'demo.db');
    mkdirSync(join(s.dir, 'try me'));
    const first = await s.run(['demo', '--db', file, '--json'], { now });
    expect(first.json().next[0]).toBe(`refer today --db '${file}'`);
    const before = readFileSync(file);

    const refused = await s.run(['demo', '--db', file, '--seed', '2'], { now });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('exists already; pass --force');
    expect(readFileSync(file).equals(before)).toBe(true);

    const replaced = await s.run(['demo', '--db', file, '--seed', '2', '--force', '--json'], { now });
    expect(replaced.code).toBe(0);
    expect(replaced.json().seed).toBe(2);
    expect(readFileSync(file).equals(before)).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const rels = (await s.run(['relation', 'list', '--db', file, '--json'], { now })).json();
    expect(rels).toHaveLength(12);
  });

  it('refuses a folder and a bad seed', async () => {
    const folder = await s.run(['demo', '--db', s.dir], { now });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('is a folder');
    const seed = await s.run(['demo', '--seed', 'x'], { now });
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--seed');
  });
});
