// `refer init` on a real pseudo-terminal (the built bin): the language comes first, then offer
// and value, asked for in that language.
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

describe('refer init on a terminal', () => {
  it('asks for the language of the scripts, then for offer and value in it', async () => {
    pty = referPty(['init'], { env: s.env });
    await pty.waitFor('Your name');
    pty.write('Mette Holm' + KEYS.enter);
    await pty.waitFor('Your company');
    pty.write('Fjordlogistik' + KEYS.enter);
    await pty.waitFor('Language of your scripts');
    await pty.waitFor('Deutsch');
    pty.write(KEYS.down + KEYS.down + KEYS.enter); // English, Nederlands, Dansk
    await pty.waitFor('What you offer, in one line — in Dansk, as your scripts will say it');
    pty.write('ruteplanlægning til regionale vognmænd' + KEYS.enter);
    await pty.waitFor('The value a client gets, in their terms — in Dansk');
    pty.write('færre tomme kilometer' + KEYS.enter);
    for (const prompt of ['Roles or titles', 'Industries', 'Regions', 'Smallest company size', 'Largest company size', 'Companies never to approach']) {
      await pty.waitFor(prompt);
      pty.write(KEYS.enter);
    }
    expect((await pty.exit()).code).toBe(0);
    const profile = JSON.parse(referOk(['profile', 'show', '--json'], s.env).stdout);
    expect(profile).toMatchObject({ name: 'Mette Holm', lang: 'da', offer: 'ruteplanlægning til regionale vognmænd', value: 'færre tomme kilometer' });
  });
});
