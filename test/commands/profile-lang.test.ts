// Offer and value per language: `profile set --in L`, what a script in each language uses, and
// the warning when it borrows the texts of another language.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';
import { NOW, REL, seed, TEXTS } from './ask.fixtures.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const run = (args: string[]) => s.run(args, { now: NOW });

describe('refer profile set --in', () => {
  it('keeps offer and value for another language, leaving the main language\'s as they are', async () => {
    await seed(s, { onlyMain: true });
    const r = await run(['profile', 'set', '--in', 'da', '--offer', TEXTS.da.offer, '--value', TEXTS.da.value, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ lang: 'en', offer: TEXTS.en.offer, value: TEXTS.en.value, texts: { da: TEXTS.da } });
    const show = await run(['profile', 'show']);
    expect(show.stdout).toContain(`offer (da)\t${TEXTS.da.offer}\n`);
    expect(show.stdout).toContain(`value (da)\t${TEXTS.da.value}\n`);
    expect(show.stdout).toContain(`value\t${TEXTS.en.value}\n`);
    // --in the main language is the same as no --in
    await run(['profile', 'set', '--in', 'en', '--value', 'fewer empty kilometres']);
    expect((await run(['profile', 'show', '--json'])).json()).toMatchObject({ value: 'fewer empty kilometres', texts: { da: TEXTS.da } });
  });

  it('refuses a language it does not know, listing the languages, and --in without a text', async () => {
    await seed(s, { onlyMain: true });
    const fr = await run(['profile', 'set', '--in', 'fr', '--value', 'moins de kilomètres à vide']);
    expect(fr.code).toBe(2);
    expect(fr.stderr).toMatch(/'fr' is invalid\. Allowed choices are en, nl, da, de/);
    const bare = await run(['profile', 'set', '--in', 'de']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--in de says which language --offer and --value are in: pass one of them too/);
  });

  it('a new main language takes its own texts along, and keeps the old one\'s for that language', async () => {
    await seed(s, { onlyMain: true });
    await run(['profile', 'set', '--in', 'de', '--offer', TEXTS.de.offer, '--value', TEXTS.de.value]);
    const r = await run(['profile', 'set', '--lang', 'de', '--json']);
    expect(r.json()).toMatchObject({ lang: 'de', offer: TEXTS.de.offer, value: TEXTS.de.value, texts: { en: TEXTS.en } });
    expect(r.json().texts.de).toBeUndefined();
    // without --in, texts go to the (new) main language
    await run(['profile', 'set', '--value', 'Lagerteams planen schneller']);
    expect((await run(['profile', 'show', '--json'])).json()).toMatchObject({ lang: 'de', value: 'Lagerteams planen schneller', texts: { en: TEXTS.en } });
  });
});

describe('a language refer does not have', () => {
  it.each([
    ['ask', REL.name, '--lang', 'fr'],
    ['templates', 'show', 'referral/email', '--lang', 'fr'],
    ['lint', '--lang', 'fr'],
  ])('is a usage error listing the languages: refer %s', async (...args) => {
    await seed(s, { onlyMain: true });
    const r = await s.run(args, { now: NOW, stdin: 'Would Anna be helped?' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'fr' is invalid\. Allowed choices are en, nl, da, de\.$/m);
    expect(r.stdout).toBe('');
  });
});

describe('a script uses the texts of its language', () => {
  it.each(['nl', 'da', 'de'] as const)('in %s: its own offer and value, no warning', async (lang) => {
    await seed(s);
    const out = (await run(['ask', REL.name, '--lang', lang, '--channel', 'email', '--dry-run', '--json'])).json();
    expect(out.forward).toContain(TEXTS[lang].offer);
    expect(out.script).toContain(TEXTS[lang].value);
    expect(out.script).not.toContain(TEXTS.en.value);
    expect(out.warnings).toEqual([]);
  });

  it('else the main language\'s, with a warning that says how to add them', async () => {
    await seed(s, { onlyMain: true });
    const r = await run(['ask', REL.name, '--lang', 'da', '--channel', 'linkedin', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out.script).toContain(TEXTS.en.value);
    expect(out.warnings).toEqual([
      'your offer and value are in English, not in Danish like this script: set the Danish ones with `refer profile set --in da --offer TEXT --value TEXT`',
    ]);
    // on a terminal-less run without --json the warning goes to stderr
    const plain = await run(['ask', REL.name, '--lang', 'da', '--channel', 'linkedin', '--dry-run']);
    expect(plain.stderr).toContain('not in Danish like this script');
  });

  it('borrows only the text a language lacks', async () => {
    await seed(s, { onlyMain: true });
    await run(['profile', 'set', '--in', 'de', '--value', TEXTS.de.value]);
    const out = (await run(['ask', REL.name, '--lang', 'de', '--channel', 'email', '--dry-run', '--json'])).json();
    expect(out.script).toContain(TEXTS.de.value);
    expect(out.forward).toContain(TEXTS.en.offer);
    expect(out.warnings).toEqual([
      'your offer is in English, not in German like this script: set the German ones with `refer profile set --in de --offer TEXT`',
    ]);
  });
});
