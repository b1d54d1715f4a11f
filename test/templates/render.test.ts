import { describe, expect, it } from 'vitest';
import { CHANNELS, LANGS, type AskKind, type Lang } from '../../src/core/model.js';
import { CHANNEL_LIMITS, lintDraft } from '../../src/core/lint.js';
import { findTemplate, getTemplate, listTemplates, renderAsk, renderTemplate } from '../../src/templates/load.js';
import { buildTemplateVars } from '../../src/templates/variables.js';
import { askInput, BUILTIN_DIR, CONNECTIONS } from './fixtures.js';

const dirs = { builtinDir: BUILTIN_DIR };

// What each referral script must say, per language: the playbook's rules, as the relation reads them.
const MUST = {
  en: {
    moment: /12 November 2026[^“]*“We finally see the whole week at a glance, and Friday afternoons are calm again!”/,
    value: /warehouse teams plan their week in one morning instead of three days\?|Do you think (?:they|.+) would be helped by that\?/,
    refereeQuestion: /would be helped by that\?/,
    permission: /may I mention your name when I contact them/i,
    showFirst: /show you my message (?:first|before I send it)/,
    noContactDetails: /not asking for phone numbers or e-mail addresses/,
    followUp: /Thursday 3 December at 10:00/,
    forward: /message you can forward unchanged/,
  },
  nl: {
    moment: /12 november 2026[^“]*“We zien eindelijk de hele week in één oogopslag, en de vrijdagmiddag is weer rustig!”/,
    value: /magazijnteams plannen hun week in één ochtend in plaats van drie dagen/,
    refereeQuestion: /Zou dat voor .+ van waarde zijn, denk je\?/,
    permission: /mag ik jouw naam noemen als ik (?:hier op LinkedIn )?contact opneem/i,
    showFirst: /laat je mijn bericht graag eerst zien/,
    noContactDetails: /vraag je niet om telefoonnummers of e-mailadressen/,
    followUp: /donderdag 3 december om 10:00/,
    forward: /bericht dat je ongewijzigd kunt doorsturen/,
  },
  da: {
    moment: /12\. november 2026[^»]*»Endelig kan vi se hele ugen på én gang, og fredag eftermiddag er rolig igen!«/,
    value: /lagerteams planlægger deres uge på én formiddag i stedet for tre dage/,
    refereeQuestion: /Tror du,? .+ ville have gavn af det\?/,
    permission: /må jeg nævne dit navn, når jeg kontakter .+ på LinkedIn/i,
    showFirst: /viser dig gerne min besked(?:, før jeg sender den| først)/,
    noContactDetails: /beder ikke om telefonnumre eller e-mailadresser/,
    followUp: /torsdag den 3\. december kl\. 10\.00/,
    forward: /besked, du kan videresende uændret/,
  },
  de: {
    moment: /12\. November 2026[^„]*„Endlich sehen wir die ganze Woche auf einen Blick, und der Freitagnachmittag ist wieder ruhig!“/,
    value: /Lagerteams planen ihre Woche an einem Vormittag statt in drei Tagen/,
    refereeQuestion: /Glaubst du, das würde .+ weiterhelfen\?/,
    permission: /Darf ich deinen Namen erwähnen, wenn ich .+ (?:über|auf) LinkedIn/,
    showFirst: /zeige dir meine Nachricht gern(?:, bevor ich sie abschicke| vorher)/,
    noContactDetails: /frage nicht nach Telefonnummern oder E-Mail-Adressen/,
    followUp: /Donnerstag, 3\. Dezember um 10:00 Uhr/,
    forward: /Nachricht, die du unverändert weiterleiten kannst/,
  },
} as const;

/** Where the relation's quoted words start, in each language's quotation marks. */
const OPENING_QUOTE = { en: '“', nl: '“', da: '»', de: '„' } as const;
/** The words that thank for working together, when there is no moment to quote. */
const WORKED_TOGETHER = { en: /working together|worked together/, nl: /samenwerk/, da: /samarbejde|arbejde sammen/, de: /Zusammenarbeit|zusammenarbeiten/ } as const;

const ME_CENTRED =
  /introduce me|mean a lot to me|do me a favou?r|voorstellen aan|veel voor me betekenen|van grote waarde voor me|betyde meget for mig|præsentere mig|mir viel bedeuten|mich .*vorstellen/i;

describe.each(LANGS)('referral templates in %s', (lang: Lang) => {
  describe.each(CHANNELS)('%s', (channel) => {
    const { script, forward } = renderAsk({ kind: 'referral', channel, lang }, askInput(lang), dirs);

    it('opens on the relation\'s own words, quoted, before naming anyone', () => {
      expect(script).toMatch(MUST[lang].moment);
      expect(script.indexOf(OPENING_QUOTE[lang])).toBeGreaterThan(-1);
      expect(script.indexOf(OPENING_QUOTE[lang])).toBeLessThan(script.indexOf('Anna de Vries'));
    });

    it('names every chosen connection and asks whether they would be helped by the value', () => {
      for (const c of CONNECTIONS) expect(script).toContain(c.name);
      expect(script).toMatch(MUST[lang].value);
      expect(script).toMatch(MUST[lang].refereeQuestion);
      expect(script).not.toMatch(ME_CENTRED);
    });

    it('asks only to mention the relation\'s name, offers to show the message, never asks for contact details', () => {
      expect(script).toMatch(MUST[lang].permission);
      expect(script).toMatch(MUST[lang].showFirst);
      expect(script).toMatch(MUST[lang].noContactDetails);
      expect(lintDraft(script, { channel, lang }).filter((f) => f.rule === 'asks-contact-details')).toEqual([]);
    });

    it('gives time, proposes the follow-up moment and includes the forwardable message', () => {
      expect(script).toMatch(MUST[lang].followUp);
      expect(script).toMatch(MUST[lang].forward);
      expect(forward).not.toBeNull();
      expect(script).toContain(forward);
    });

    it('passes the lint with the chosen connections as referees', () => {
      expect(lintDraft(script, { channel, lang, referees: CONNECTIONS.map((c) => c.name) })).toEqual([]);
    });

    it('reads well without a moment: no quote marks, no leftovers', () => {
      const plain = renderAsk({ kind: 'referral', channel, lang }, askInput(lang, { moment: null }), dirs).script;
      // the call script quotes the label of the rep's lines ("You:", „Du:“); nothing else is quoted
      expect(plain.replace(/[„»]Du:[“«]/, '')).not.toMatch(/[“”"„»«]{2}|[“”„»«]/);
      expect(plain).not.toMatch(/\{\{|\}\}|undefined|null|\S {2}| [,.:;?!]/);
      expect(plain.split('\n').slice(0, 8).join('\n')).toMatch(WORKED_TOGETHER[lang]);
      expect(lintDraft(plain, { channel, lang, referees: CONNECTIONS.map((c) => c.name) })).toEqual([]);
    });
  });
});

describe('the call script', () => {
  it.each(LANGS)('is spoken, with the rep\'s lines and room for the relation to answer (%s)', (lang) => {
    const { script } = renderAsk({ kind: 'referral', channel: 'call', lang }, askInput(lang), dirs);
    const you = { en: 'You:', nl: 'Jij:', da: 'Du:', de: 'Du:' }[lang];
    const pause = { en: /\[pause — let them answer/g, nl: /\[pauze — laat de ander antwoorden/g, da: /\[pause — lad den anden svare/g, de: /\[Pause — antworten lassen/g }[lang];
    expect(script.split('\n').filter((l) => l.startsWith(you)).length).toBeGreaterThanOrEqual(5);
    expect(script.match(pause)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('grammar follows the number of connections', () => {
  it('speaks of one person when one connection is chosen', () => {
    const one = { connections: CONNECTIONS.slice(0, 1) };
    expect(renderAsk({ kind: 'referral', channel: 'email', lang: 'en' }, askInput('en', one), dirs).script).toContain('this person stood out');
    const nl = renderAsk({ kind: 'referral', channel: 'linkedin', lang: 'nl' }, askInput('nl', one), dirs).script;
    expect(nl).toContain('Zou dat voor Anna de Vries van waarde zijn');
    expect(nl).not.toContain('voor hen');
    const da = renderAsk({ kind: 'referral', channel: 'linkedin', lang: 'da' }, askInput('da', one), dirs).script;
    expect(da).toContain('Tror du, Anna ville have gavn af det?');
    expect(da).toContain('når jeg kontakter Anna her på LinkedIn');
    const de = renderAsk({ kind: 'referral', channel: 'email', lang: 'de' }, askInput('de', one), dirs).script;
    expect(de).toContain('ist mir diese Person aufgefallen');
    expect(de).toContain('wenn ich Anna über LinkedIn kontaktiere');
  });
});

describe('LinkedIn templates', () => {
  const limit = CHANNEL_LIMITS.linkedin ?? 0;
  // Ten connections with long names and a long moment: the heaviest realistic ask.
  const heavy = (lang: Lang) =>
    askInput(lang, {
      connections: Array.from({ length: 10 }, (_, i) => ({ name: `Maximiliaan van Oldenbarnevelt-${i + 1}`, title: 'Director', company: 'Example' })),
      moment: { text: 'A'.repeat(200), occurredAt: '2026-11-12T11:00:00.000Z' },
    });
  const linkedin = listTemplates(dirs).filter((t) => t.channel === 'linkedin');

  it.each(linkedin.map((t) => [t.name, t] as const))('%s stays under the limit with ten connections', (_name, t) => {
    const input = heavy(t.lang);
    const script =
      t.kind === 'referee'
        ? renderTemplate(getTemplate(t.name, dirs), buildTemplateVars({ ...input, lang: t.lang, referee: CONNECTIONS[0] }))
        : renderAsk({ kind: t.kind as AskKind, channel: 'linkedin', lang: t.lang }, input, dirs).script;
    expect([...script].length).toBeLessThan(limit);
    expect(lintDraft(script, { channel: 'linkedin' }).filter((f) => f.rule === 'too-long')).toEqual([]);
  });
});

describe('every built-in template', () => {
  const referees = CONNECTIONS.map((c) => c.name);
  it.each(listTemplates(dirs).map((t) => [t.name, t] as const))('%s renders cleanly and passes the lint', (_name, t) => {
    for (const withMoment of [true, false]) {
      const input = askInput(t.lang, withMoment ? {} : { moment: null });
      const forward = renderTemplate(findTemplate({ kind: 'forward', channel: 'message', lang: t.lang }, dirs), buildTemplateVars({ ...input, lang: t.lang }));
      const vars = buildTemplateVars({ ...input, lang: t.lang, referee: CONNECTIONS[1], forwardMessage: forward });
      const text = renderTemplate(getTemplate(t.name, dirs), vars);
      expect(text).not.toMatch(/\{\{|\}\}|undefined|null|“”|\S {2}| [,.:;?!]/);
      // Only texts about the referees must name them; the forwardable message goes to them instead.
      const namesReferees = ['referral', 'referee', 'followup'].includes(t.kind);
      const channel = t.channel === 'message' || t.channel === 'agenda' ? undefined : t.channel;
      expect(lintDraft(text, { channel, lang: t.lang, referees: namesReferees ? referees : [] })).toEqual([]);
    }
  });

  it('covers every kind of the ladder by e-mail and LinkedIn in both languages, and every referral channel', () => {
    const names = new Set(listTemplates(dirs).map((t) => t.name));
    for (const lang of LANGS) {
      for (const channel of CHANNELS) expect(names).toContain(`referral/${channel}.${lang}`);
      for (const kind of ['quote', 'review', 'event', 'beta']) {
        expect(names).toContain(`${kind}/email.${lang}`);
        expect(names).toContain(`${kind}/linkedin.${lang}`);
      }
      for (const helper of ['forward/message', 'referee/linkedin', 'followup/agenda']) expect(names).toContain(`${helper}.${lang}`);
    }
  });
});

describe('the forwardable message', () => {
  it.each(LANGS)('says what the rep does and the value in 3 to 5 lines (%s)', (lang) => {
    const { forward } = renderAsk({ kind: 'referral', channel: 'email', lang }, askInput(lang), dirs);
    const lines = (forward ?? '').split('\n').filter((l) => l.trim());
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.length).toBeLessThanOrEqual(5);
    const { offer, value } = askInput(lang).profile;
    expect(forward).toContain(offer);
    expect(forward).toContain(value);
  });

  it('is left out of asks other than referrals', () => {
    expect(renderAsk({ kind: 'quote', channel: 'email', lang: 'en' }, askInput('en'), dirs).forward).toBeNull();
  });
});
