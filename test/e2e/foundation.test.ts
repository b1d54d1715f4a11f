import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, refer } from '../support/bin.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const fixture = (name: string) => new URL(`../fixtures/linkedin/${name}`, import.meta.url).pathname;

describe('the built bin', () => {
  it('shows help with examples for the program and for each command', () => {
    const top = refer(['--help'], s.env);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Examples:');
    for (const cmd of [['relation', 'add'], ['relation', 'list'], ['nps'], ['moment'], ['connection', 'import'], ['connection', 'list'], ['connection', 'pick'], ['icp', 'set'], ['init']]) {
      const r = refer([...cmd, '--help'], s.env);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Examples:\n {2}\$ refer /);
    }
  });

  it('still runs through bin/refer.js, the bin of the first release, with the same output and exit codes', () => {
    const old = (args: string[]) => spawnSync(process.execPath, [join(dirname(BIN), 'refer.js'), ...args], { env: s.env, encoding: 'utf8' });
    expect(old(['relation', 'add', 'Sanne Visser']).status).toBe(0);
    for (const args of [['relation', 'list', '--json'], ['nps', 'Sanne Visser', '11']]) {
      const [a, b] = [old(args), refer(args, s.env)];
      expect([a.status, a.stdout, a.stderr], args.join(' ')).toEqual([b.code, b.stdout, b.stderr]);
    }
    expect(old(['nps', 'Sanne Visser', '11']).status).toBe(2);
  });

  it('walks steps 1 and 2 from a script: relations ranked by readiness, connections by fit', () => {
    const env = { ...s.env, REFER_DB: undefined };
    const ok = (args: string[]) => {
      const r = refer(args, env);
      expect(r.stderr.includes('error'), `${args.join(' ')}: ${r.stderr}`).toBe(false);
      expect(r.code).toBe(0);
      return r;
    };
    ok(['init', '--no-input', '--name', 'Eva Jansen', '--company', 'Routewise', '--offer', 'route planning software', '--value', 'fewer empty kilometres']);
    ok(['icp', 'set', '--titles', 'CEO,CFO', '--industries', 'logistics', '--regions', 'Netherlands']);
    ok(['relation', 'add', 'Sanne Visser', '--trust', '5', '--knows-audience', '--seller', '--sees-value', '--experienced-value']);
    ok(['relation', 'add', 'Bram Kok', '--trust', '2']);
    ok(['nps', 'Sanne Visser', '9']);
    ok(['connection', 'import', 'Sanne Visser', fixture('current-with-notes.csv')]);
    // the default database sits in the XDG data folder, 0600 in a 0700 folder
    const db = join(s.env.XDG_DATA_HOME!, 'refer', 'refer.db');
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(statSync(join(s.env.XDG_DATA_HOME!, 'refer')).mode & 0o777).toBe(0o700);

    const relations = JSON.parse(ok(['relation', 'list', '--json']).stdout);
    expect(relations.map((r: { name: string }) => r.name)).toEqual(['Sanne Visser', 'Bram Kok']);
    expect(relations[0].readiness.askNow).toBe(true);
    const conns = JSON.parse(ok(['connection', 'list', 'Sanne Visser', '--json']).stdout);
    const scores = conns.map((c: { fit: { score: number } }) => c.fit.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(conns[0].fit.reasons.length).toBeGreaterThan(0);

    const again = JSON.parse(ok(['connection', 'import', 'Sanne Visser', fixture('current-with-notes.csv'), '--json']).stdout);
    expect(again).toMatchObject({ imported: 0, updated: 0 });
  });

  it('gives one clear line and the documented exit code on bad input, with no stack trace', () => {
    refer(['relation', 'add', 'Sanne Visser'], s.env);
    const before = readFileSync(s.db);
    const cases: Array<[string[], number, RegExp]> = [
      [['nps', 'Sanne Visser', '11'], 2, /whole number from 0 to 10/],
      [['nps', 'Nobody', '9'], 2, /no relation named "Nobody"/],
      [['connection', 'import', 'Sanne Visser', '/no/such/file.csv'], 2, /no file \/no\/such\/file.csv/],
      [['relation', 'list', '--bogus'], 2, /unknown option '--bogus'/],
    ];
    for (const [args, code, message] of cases) {
      const r = refer(args, s.env);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
    const junk = join(s.dir, 'junk.csv');
    writeFileSync(junk, 'hello;world\nno names here\n');
    const noHeader = refer(['connection', 'import', 'Sanne Visser', junk], s.env);
    expect(noHeader.code).toBe(1);
    expect(noHeader.stderr).toMatch(/no recognisable header/);
    expect(readFileSync(s.db).equals(before)).toBe(true);
  });

  it('refuses to write to a read-only database and to open a newer one, changing nothing', () => {
    refer(['relation', 'add', 'Sanne Visser'], s.env);
    chmodSync(s.db, 0o400);
    const ro = refer(['relation', 'add', 'Bram Kok'], s.env);
    expect(ro.code).toBe(1);
    expect(ro.stderr).toMatch(/read-only/);
    expect(refer(['relation', 'list', '--json'], s.env).stdout).toContain('Sanne Visser');
    chmodSync(s.db, 0o600);

    const raw = new Database(s.db);
    raw.pragma('user_version = 999');
    raw.close();
    const newer = refer(['relation', 'list'], s.env);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toMatch(/newer version of refer/);
  });
});
