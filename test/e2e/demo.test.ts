// The built bin (`npm run build` first): `refer demo` from a script and on a terminal, and every
// command it suggests, run as printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refer } from '../support/bin.js';
import { KEYS, referPty } from '../support/pty.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

/** A printed command as its words (plain words, or one single-quoted word). */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe('refer demo, from the built bin', () => {
  it('makes the demo, and every command it suggests runs on it', () => {
    const env = { ...s.env, REFER_DB: undefined };
    const made = refer(['demo', '--json'], env);
    expect(made.code, made.stderr).toBe(0);
    const { db, next } = JSON.parse(made.stdout) as { db: string; next: string[] };
    expect(db).toBe(join(s.env.XDG_DATA_HOME!, 'refer', 'demo.db'));
    expect(next.length).toBeGreaterThanOrEqual(8);
    for (const command of next) {
      const [program, ...args] = words(command);
      expect(program).toBe('refer');
      const r = refer(args, env);
      expect(r.code, `${command}\n${r.stderr}`).toBe(0);
      expect(r.stdout.length, command).toBeGreaterThan(0);
      expect(r.stderr, command).not.toMatch(/error/i);
    }
    // the rep's own database was never made
    expect(refer(['today', '--json'], env).stdout).toContain('"setUp": false');
    // plain `refer` on the demo shows today
    const plain = refer(['--db', db], env);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Worth asking now (');
  });

  it('suggests npx refer when it was run through npx', () => {
    const made = refer(['demo', '--json'], { ...s.env, REFER_DB: undefined, npm_command: 'exec' });
    expect(made.code, made.stderr).toBe(0);
    const { next } = JSON.parse(made.stdout) as { next: string[] };
    for (const command of next) expect(command).toMatch(/^npx refer /);
  });

  it('shows help with examples for demo and today', () => {
    for (const cmd of ['demo', 'today']) {
      const r = refer([cmd, '--help'], s.env);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(/Examples:\n {2}\$ refer /);
    }
  });

  it('asks on a terminal before it replaces a demo, and keeps it on "no"', async () => {
    const file = join(s.dir, 'demo.db');
    expect(refer(['demo', '--db', file], s.env).code).toBe(0);
    const before = readFileSync(file);

    const no = referPty(['demo', '--db', file, '--seed', '5'], { env: s.env });
    await no.waitFor('Replace');
    no.write('n' + KEYS.enter);
    expect((await no.exit()).code).toBe(130);
    expect(readFileSync(file).equals(before)).toBe(true);

    const yes = referPty(['demo', '--db', file, '--seed', '5'], { env: s.env });
    await yes.waitFor('Replace');
    yes.write('y' + KEYS.enter);
    const done = await yes.exit();
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain('Made a demo database (seed 5');
    expect(readFileSync(file).equals(before)).toBe(false);
  });
});
