// The spelling of every built-in template in every language: each is rendered with invented data
// (with and without a moment, for one connection and for several) and its words, the invented
// names and texts aside, are checked with hunspell and Debian's dictionaries (.ci/run installs
// hunspell, hunspell-en-us, hunspell-nl, hunspell-da and hunspell-de-de where missing).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../src/core/model.js';
import { findTemplate, getTemplate, listTemplates, renderTemplate } from '../../src/templates/load.js';
import { buildTemplateVars } from '../../src/templates/variables.js';
import { askInput, BUILTIN_DIR, CONNECTIONS } from './fixtures.js';

const dirs = { builtinDir: BUILTIN_DIR };

/** The dictionary of each language (hunspell's name for it, in /usr/share/hunspell). */
const DICTIONARY: Record<Lang, string> = { en: 'en_US', nl: 'nl', da: 'da_DK', de: 'de_DE' };

/**
 * Words the dictionaries lack that the templates rightly use. Keep it short: a word belongs here
 * only when it is correct and no common word says the same.
 */
const ACCEPTED: Record<Lang, string[]> = {
  en: ['LinkedIn', 'forwardable'],
  nl: ['doorstuurbericht', 'bètagebruiker', 'referral'],
  da: [],
  de: ['LinkedIn'],
};

const WORD = /\p{L}[\p{L}\p{M}'’-]*\p{L}|\p{L}/gu;
const words = (text: string) => text.match(WORD) ?? [];

/** Every text a template can become with the test's invented people: (description, rendered variants). */
function renderings(lang: Lang): { name: string; texts: string[]; invented: Set<string> }[] {
  const variants = [{}, { moment: null }, { connections: CONNECTIONS.slice(0, 1) }];
  return listTemplates(dirs)
    .filter((t) => t.lang === lang)
    .map((t) => {
      const invented = new Set<string>();
      const texts = [t.description];
      for (const over of variants) {
        const input = askInput(lang, over);
        for (const v of [input.profile.name, input.profile.company, input.profile.offer, input.profile.value, input.relation.name, input.relation.company, input.moment?.text]) {
          for (const w of words(v ?? '')) invented.add(w);
        }
        for (const c of CONNECTIONS) for (const v of [c.name, c.title, c.company]) for (const w of words(v ?? '')) invented.add(w);
        const forward = renderTemplate(findTemplate({ kind: 'forward', channel: 'message', lang }, dirs), buildTemplateVars({ ...input, lang }));
        const vars = buildTemplateVars({ ...input, lang, referee: CONNECTIONS[1], forwardMessage: forward });
        texts.push(renderTemplate(getTemplate(t.name, dirs), vars));
      }
      return { name: t.name, texts, invented };
    });
}

/** The words hunspell does not know, with the dictionary of `lang`. */
function hunspellUnknown(lang: Lang, list: string[]): Set<string> {
  const r = spawnSync('hunspell', ['-i', 'utf-8', '-d', `/usr/share/hunspell/${DICTIONARY[lang]}`, '-l'], { input: list.join('\n'), encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`hunspell failed (${r.error?.message ?? r.stderr})`);
  return new Set(r.stdout.split('\n').filter(Boolean));
}

/**
 * The words that are wrong in `lang`: unknown as written, unknown as an abbreviation with its
 * full stop (the tokens drop it: "kl." in "kl. 10.00", "Min." in "2 Min."), and, for a word
 * with hyphens ("LinkedIn-Nachricht"), with a part that is unknown and not accepted.
 */
function unknownWords(lang: Lang, list: string[]): Set<string> {
  const parts = list.flatMap((w) => (w.includes('-') ? w.split('-').filter(Boolean) : []));
  const unknown = hunspellUnknown(lang, [...list, ...list.map((w) => `${w}.`), ...parts]);
  const known = (w: string) => !unknown.has(w) || !unknown.has(`${w}.`) || ACCEPTED[lang].includes(w);
  return new Set(list.filter((w) => !known(w) && !(w.includes('-') && w.split('-').filter(Boolean).every(known))));
}

describe('the spelling of the built-in templates', () => {
  it('has hunspell and the four dictionaries (.ci/run installs them; here: apt-get install hunspell hunspell-en-us hunspell-nl hunspell-da hunspell-de-de)', () => {
    expect(spawnSync('hunspell', ['-v']).error, 'hunspell is not installed').toBeUndefined();
    for (const lang of LANGS) expect(existsSync(`/usr/share/hunspell/${DICTIONARY[lang]}.dic`), `no ${DICTIONARY[lang]} dictionary`).toBe(true);
  });

  it.each(LANGS)('in %s: every word is in the dictionary or on the short accepted list', (lang) => {
    const found: Record<string, string[]> = {};
    const rendered = renderings(lang);
    const candidates = new Set<string>();
    for (const r of rendered) {
      for (const text of r.texts) for (const w of words(text)) if (!r.invented.has(w.replace(/['’]s$/, '')) && !ACCEPTED[lang].includes(w)) candidates.add(w);
    }
    const unknown = unknownWords(lang, [...candidates]);
    for (const r of rendered) {
      const bad = [...new Set(r.texts.flatMap(words))].filter((w) => unknown.has(w) && !r.invented.has(w.replace(/['’]s$/, '')));
      if (bad.length) found[r.name] = bad;
    }
    expect(found).toEqual({});
    expect(rendered.length).toBeGreaterThan(0);
  });

  it('keeps the accepted list honest: each word on it is used and unknown to the dictionary', () => {
    for (const lang of LANGS) {
      const used = new Set(renderings(lang).flatMap((r) => r.texts.flatMap(words)).flatMap((w) => [w, ...w.toLowerCase().split('-')]));
      const unknown = hunspellUnknown(lang, ACCEPTED[lang]);
      for (const w of ACCEPTED[lang]) {
        expect(used.has(w), `${lang}: "${w}" is accepted but no template uses it`).toBe(true);
        expect(unknown.has(w), `${lang}: the dictionary knows "${w}"; take it off the list`).toBe(true);
      }
    }
  });
});
