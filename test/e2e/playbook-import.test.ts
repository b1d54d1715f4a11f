// From an imported network to a trusted relation: `relation import` brings in people unassessed,
// and the playbook's first question finds one of hundreds by typing part of the name.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referOk } from '../support/bin.js';
import { KEYS, type Pty, referPty } from '../support/pty.js';
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

/** A profile and 61 imported relations, one of them Séverine Dubois. */
function importNetwork(): void {
  referOk(['init', '--no-input', '--name', 'Eva Jansen', '--offer', 'route planning software', '--value', 'fewer empty kilometres'], s.env);
  const file = join(s.dir, 'contacts.csv');
  const people = Array.from({ length: 60 }, (_, i) => `Contact ${String(i + 1).padStart(2, '0')},Company ${i + 1}`);
  writeFileSync(file, ['Name,Company', ...people, 'Séverine Dubois,"Dubois, Frères"'].join('\n') + '\n');
  expect(JSON.parse(referOk(['relation', 'import', file, '--json'], s.env).stdout)).toMatchObject({ imported: 61 });
}

describe('refer playbook after refer relation import', () => {
  it('searches the imported relations as you type, and assesses the one picked', async () => {
    importNetwork();

    pty = referPty(['playbook'], { env: s.env });
    await pty.waitFor('Type part of a name or company');
    pty.write('severine');
    await pty.waitFor(/❯ Séverine Dubois \(Dubois, Frères\) · readiness/);
    pty.write(KEYS.enter);
    await pty.waitFor('Séverine Dubois knows your target audience?');
    pty.write('y' + KEYS.enter);
    await pty.waitFor('Séverine Dubois is a seller?');
    pty.write(KEYS.ctrlC);
    expect((await pty.exit()).code).toBe(130);
    const list = JSON.parse(referOk(['relation', 'list', '--json'], s.env).stdout) as Array<{ name: string; knowsAudience: boolean | null }>;
    expect(list.find((r) => r.name === 'Séverine Dubois')).toMatchObject({ knowsAudience: true });
  });

  it('refer ask on a terminal searches them too', async () => {
    importNetwork();
    referOk(['connection', 'add', 'Séverine Dubois', 'Anna de Vries'], s.env);
    pty = referPty(['ask'], { env: s.env });
    await pty.waitFor('Whom do you ask? Type part of a name or company');
    pty.write('dubois');
    await pty.waitFor(/❯ Séverine Dubois/);
    pty.write(KEYS.enter);
    await pty.waitFor('What do you ask for?');
    pty.write(KEYS.ctrlC);
    expect((await pty.exit()).code).toBe(130);
  });
});
