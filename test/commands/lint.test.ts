import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, LANGS } from '../../src/core/model.js';
import { type Sandbox, sandbox } from '../support/run.js';
import { NOW, seed, SHORTLIST } from './ask.fixtures.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

// The ask the playbook warns against, in each language: about the rep, asking for a number.
const ME_CENTRED = {
  en: 'Hi Sanne,\n\nCould you introduce me to Anna de Vries?\nIt would mean a lot to me.\nCan you send me her phone number?\n',
  nl: 'Hoi Sanne,\n\nKun je me voorstellen aan Anna de Vries?\nHet zou veel voor me betekenen.\nKun je me haar telefoonnummer sturen?\n',
  da: 'Hej Sanne,\n\nKan du introducere mig for Anna de Vries?\nDet ville betyde meget for mig.\nKan du ikke sende mig hendes telefonnummer?\n',
  de: 'Hallo Sanne,\n\nKannst du mich Anna de Vries vorstellen?\nEs würde mir viel bedeuten.\nKannst du mir ihre Telefonnummer schicken?\n',
} as const;

// The findings' words, in the draft's language.
const SAYS = {
  en: { noValue: 'nothing says how the referee would be helped', contact: /asks for "her phone": that puts the risk on your relation/, example: 'May I mention your name' },
  nl: { noValue: 'nergens staat hoe de referee ermee geholpen zou zijn', contact: /vraagt om "haar telefoonnummer": dat legt het risico bij je relatie/, example: 'Mag ik jouw naam noemen' },
  da: { noValue: 'intet siger, hvordan den anbefalede person ville have gavn af det', contact: /beder om "telefonnummer": det lægger risikoen over på din relation/, example: 'Må jeg nævne dit navn' },
  de: { noValue: 'nirgends steht, wie die empfohlene Person davon profitieren würde', contact: /fragt nach "Telefonnummer": Das schiebt das Risiko deiner Ansprechperson zu/, example: 'Darf ich deinen Namen erwähnen' },
} as const;

describe('refer lint', () => {
  describe.each(LANGS)('in %s', (lang) => {
    it.each([
      ['with --lang', ['--lang', lang]],
      ['telling the language itself', []],
    ])('flags the me-centred example %s, with line, rule and suggestion in the draft\'s language, and exits 3', async (_how, flags) => {
      const r = await s.run(['lint', ...flags], { stdin: ME_CENTRED[lang] });
      expect(r.code).toBe(3);
      const lines = r.stdout.trim().split('\n');
      expect(lines.filter((l) => !l.startsWith('  '))).toEqual([
        `<stdin>:1: no-referee-value: ${SAYS[lang].noValue}`,
        expect.stringMatching(/^<stdin>:3: me-centred: "/),
        expect.stringMatching(/^<stdin>:4: me-centred: "/),
        expect.stringMatching(new RegExp(`^<stdin>:5: asks-contact-details: ${SAYS[lang].contact.source}$`)),
      ]);
      expect(lines.filter((l) => l.startsWith('  suggestion: '))).toHaveLength(4);
      expect(r.stdout).toContain(SAYS[lang].example);
      expect(r.stderr).toBe('error: 4 findings in <stdin>\n');
    });
  });

  it('says the findings of a Danish draft in English when asked with --lang en', async () => {
    const r = await s.run(['lint', '--lang', 'en', '--json'], { stdin: ME_CENTRED.da });
    expect(r.code).toBe(3);
    expect(r.json().findings[0]).toMatchObject({ rule: 'no-referee-value', message: SAYS.en.noValue });
  });

  it('refuses a language it does not know, listing the languages', async () => {
    const r = await s.run(['lint', '--lang', 'fr'], { stdin: ME_CENTRED.en });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fr/);
    expect(r.stderr).toMatch(/en.*nl.*da.*de/);
  });

  it('prints {findings} with --json and still exits 3; a clean draft gives [] and exit 0', async () => {
    const bad = await s.run(['lint', '-', '--json'], { stdin: ME_CENTRED.en });
    expect(bad.code).toBe(3);
    const { findings } = bad.json();
    expect(findings).toHaveLength(4);
    expect(findings[1]).toEqual({
      line: 3,
      rule: 'me-centred',
      message: '"Could you introduce me" puts you at the centre, not the referee',
      suggestion: expect.stringMatching(/^Centre the referee/),
    });
    const good = await s.run(['lint', '--json'], { stdin: 'Would Anna de Vries be helped by a calmer planning week?\n' });
    expect(good.code).toBe(0);
    expect(good.json()).toEqual({ findings: [] });
  });

  it('checks that one of the --referee people is named, and the LinkedIn length with --channel', async () => {
    const draft = join(s.dir, 'draft.txt');
    writeFileSync(draft, `Would Anna be helped by this?\n${'Lots of words. '.repeat(140)}\n`);
    expect((await s.run(['lint', draft])).code).toBe(0);
    const named = await s.run(['lint', draft, '--referee', 'Anna de Vries', 'Bart Kok']);
    expect(named.code).toBe(0);
    expect(named.stderr).toBe(`${draft}: no findings.\n`);
    const other = await s.run(['lint', draft, '--referee', 'Bart Kok', '--json']);
    expect(other.json().findings.map((f: any) => f.rule)).toEqual(['no-referee']);
    const long = await s.run(['lint', draft, '--channel', 'linkedin', '--json']);
    expect(long.code).toBe(3);
    expect(long.json().findings).toEqual([expect.objectContaining({ rule: 'too-long', message: expect.stringMatching(/^2129 characters; a linkedin message takes at most 1900/) })]);
    expect((await s.run(['lint', draft, '--channel', 'email'])).code).toBe(0);
  });

  it('passes every generated referral script, read from a file or from stdin', async () => {
    await seed(s);
    for (const lang of LANGS) {
      for (const channel of CHANNELS) {
        const { script } = (await s.run(['ask', '1', '--channel', channel, '--lang', lang, '--json', '--dry-run'], { now: NOW })).json();
        const file = join(s.dir, `${channel}.${lang}.txt`);
        writeFileSync(file, script);
        const referees = ['--referee', ...SHORTLIST.map((c) => c.name)];
        const fromFile = await s.run(['lint', file, '--channel', channel, '--lang', lang, ...referees]);
        expect(fromFile.code, `${channel} ${lang}: ${fromFile.stdout}`).toBe(0);
        expect(fromFile.stdout).toBe('');
        expect((await s.run(['lint', '-', '--channel', channel, ...referees], { stdin: script })).code).toBe(0);
      }
    }
  });

  it('refuses a missing file or a folder with exit 2', async () => {
    const missing = await s.run(['lint', join(s.dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.txt: no such file/);
    const folder = await s.run(['lint', s.dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder, not a draft/);
  });
});
