// `refer playbook` outside a terminal, in-process. The walk itself is tested on a real
// pseudo-terminal in test/e2e/playbook.test.ts.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

/** The commands that do each step by hand, as the refusal must list them. */
const STEP_COMMANDS = [
  'refer relation add NAME',
  'refer relation edit REL',
  'refer nps REL SCORE',
  'refer connection import REL FILE',
  'refer connection pick REL ID...',
  'refer ask REL',
  'refer followup add REL WHEN',
];

describe('refer playbook without a terminal', () => {
  it('refuses with exit 2, names the commands of each step instead, and creates no database', async () => {
    const r = await s.run(['playbook']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: `refer playbook` asks its questions on a terminal/);
    for (const command of STEP_COMMANDS) expect(r.stderr).toContain(command);
    expect(existsSync(s.db)).toBe(false);
  });

  it('refuses on a terminal too when --no-input or --json says not to prompt', async () => {
    for (const flag of ['--no-input', '--json']) {
      const r = await s.run([flag, 'playbook'], { tty: true });
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toContain('refer followup add REL WHEN');
      expect(r.stdout, flag).toBe('');
    }
  });
});

describe('refer playbook on a terminal', () => {
  it('asks nothing before the profile can carry a script: exit 2 pointing to refer init', async () => {
    const r = await s.run(['playbook'], { tty: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: no profile yet: run `refer init` first/);
    expect(r.stdout).not.toContain('Whom do you walk');
  });
});
