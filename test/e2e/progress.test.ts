// Progress on long work: on a terminal's stderr only, and only for a long import.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refer, referOk } from '../support/bin.js';
import { type Pty, referPty } from '../support/pty.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
let pty: Pty | undefined;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => {
  pty?.kill();
  pty = undefined;
  s.cleanup();
});

function contacts(rows: number): string {
  const file = join(s.dir, `contacts-${rows}.csv`);
  const lines = ['Name,Company,Email'];
  for (let i = 1; i <= rows; i++) lines.push(`Person ${i},Company ${i % 97},person${i}@example.org`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('progress', () => {
  it('a long import shows how far it is on a terminal, and clears the line', async () => {
    pty = referPty(['relation', 'import', contacts(6000)], { env: s.env });
    const end = await pty.exit();
    expect(end.code).toBe(0);
    expect(pty.raw()).toMatch(/Reading .*contacts-6000\.csv: \d{1,3}(,\d{3})* rows…/);
    expect(end.output).toContain('Imported 6000 new relations');
  });

  it('a short import shows none, and a pipe never', async () => {
    pty = referPty(['relation', 'import', contacts(100)], { env: s.env });
    await pty.exit();
    expect(pty.raw()).not.toContain('Reading');
    const r = refer(['relation', 'import', contacts(6000), '--dry-run'], s.env);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('Reading');
    referOk(['relation', 'list', '--json'], s.env);
  });
});
