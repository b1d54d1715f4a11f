// Checks a draft ask against the playbook: centre the referee, never ask for contact details,
// name the people you mean, say how they would be helped, and fit the channel. Pure: text in,
// findings out. English and Dutch wording are checked in every draft, whatever its language,
// because drafts mix them.
import type { Channel, Lang } from './model.js';

export interface Finding {
  /** 1-based line of the draft where the problem is */
  line: number;
  rule: LintRule;
  message: string;
  suggestion: string;
}

export const LINT_RULES = ['me-centred', 'asks-contact-details', 'no-referee', 'no-referee-value', 'too-long'] as const;
export type LintRule = (typeof LINT_RULES)[number];

export interface LintOptions {
  /** enables the `too-long` rule for channels with a limit */
  channel?: Channel;
  /** language of the example in each suggestion (default: the language of the matched phrase, else en) */
  lang?: Lang;
  /** names of the chosen connections; enables the `no-referee` rule */
  referees?: string[];
}

/** Longest message a channel takes, in characters. LinkedIn: the limit of a direct message. */
export const CHANNEL_LIMITS: Partial<Record<Channel, number>> = { linkedin: 1900 };

// Words may be split by any white space, including a line break in a hard-wrapped draft.
const S = String.raw`\s+`;
const ME = String.raw`(?:me|mij)`;

const ME_CENTRED_PHRASES: { lang: Lang; source: string }[] = [
  { lang: 'en', source: `(?:it|that|this)${S}would${S}(?:really${S})?mean${S}(?:a${S}lot|so${S}much|the${S}world)${S}to${S}me` },
  { lang: 'en', source: `(?:can|could|would|will)${S}you${S}(?:please${S})?(?:introduce|intro|refer|recommend|connect)${S}me` },
  { lang: 'en', source: `(?:introduce|intro)${S}me${S}to` },
  { lang: 'en', source: `put${S}me${S}in${S}touch` },
  { lang: 'en', source: `do${S}me${S}a${S}(?:big${S}|huge${S}|small${S})?favou?r` },
  { lang: 'en', source: `(?:it|that)${S}would${S}(?:really${S})?help${S}me` },
  { lang: 'en', source: `help${S}me${S}out` },
  { lang: 'en', source: `I${S}(?:really${S})?need${S}(?:more${S}|some${S}|a${S}few${S})?(?:leads|referrals|introductions|clients|customers)` },
  { lang: 'nl', source: `het${S}zou${S}(?:heel${S}|erg${S}|enorm${S})?veel${S}voor${S}${ME}${S}betekenen` },
  { lang: 'nl', source: `het${S}zou${S}(?:echt${S})?van${S}(?:grote${S})?waarde${S}voor${S}${ME}${S}zijn` },
  { lang: 'nl', source: `(?:kun|kan|wil|zou)${S}(?:je|jij|u)${S}${ME}${S}(?:even${S})?(?:willen${S})?(?:voorstellen|introduceren|aanbevelen|doorverwijzen)` },
  { lang: 'nl', source: `${ME}${S}(?:even${S})?(?:voorstellen|introduceren)${S}aan` },
  { lang: 'nl', source: `${ME}${S}in${S}contact${S}(?:brengen|zetten)` },
  { lang: 'nl', source: `doe${S}${ME}${S}een${S}(?:groot${S}|klein${S})?(?:plezier|lol|gunst)` },
  { lang: 'nl', source: `${ME}${S}een${S}(?:groot${S}|klein${S})?(?:plezier|gunst)${S}(?:willen${S})?doen` },
  { lang: 'nl', source: `(?:het|dat|je)${S}zou${S}${ME}${S}(?:echt${S}|enorm${S}|erg${S}|heel${S}erg${S})?helpen` },
  { lang: 'nl', source: `ik${S}(?:heb|zoek)${S}(?:nog${S}|wat${S}|meer${S})?(?:leads|referrals|klanten|introducties)${S}nodig` },
];

/**
 * Any me-centred phrase, without the word boundaries. Each bounded pattern costs about half a
 * millisecond to compile on its first match (its \p{L} classes), ten milliseconds for all of them
 * in every `refer ask`; this one is cheap, and wherever a bounded pattern matches it matches too,
 * so a draft it finds nothing in needs no bounded pattern at all.
 */
const ANY_ME_CENTRED = new RegExp(ME_CENTRED_PHRASES.map((p) => `(?:${p.source})`).join('|'), 'iu');
let meCentred: { lang: Lang; re: RegExp }[] | undefined;
const meCentredPatterns = () => (meCentred ??= ME_CENTRED_PHRASES.map((p) => ({ lang: p.lang, re: re(p.source) })));

const CONTACT_DETAILS = re(
  [
    `(?:tele)?phone${S}numbers?`,
    `(?:mobile|cell)${S}(?:phone${S})?numbers?`,
    `e-?mail${S}address(?:es)?`,
    `contact${S}(?:details|info(?:rmation)?)`,
    `(?:his|her|their)${S}(?:number|e-?mail|phone)`,
    `telefoonnummers?`,
    `06[-\\s]?nummers?`,
    `mobiele?${S}nummers?`,
    `(?:e-?)?mailadres(?:sen)?`,
    `contactgegevens`,
    `(?:zijn|haar|hun)${S}(?:telefoon)?(?:nummer|e-?mail|mail)`,
  ].join('|'),
);
// A sentence that says you will NOT ask for the details is the advice itself, not a breach of it.
// Dutch "niet toevallig" is a way of asking ("heb je niet toevallig zijn nummer?"), not a negation.
const NEGATION =
  /\b(?:not|never|without|nor|no need|geen|nooit|zonder)\b|n't\b|\bno\s+(?=phone|mobile|e-?mail|contact|numbers?)|\bniet\b(?!\s+toevallig)/i;

// How the referee would be helped. "help me" and "of value to me" are about the rep, not the referee.
const VALUE = re(
  [
    `(?:help|helps|helped|helping|benefit|benefits|valuable|useful|worthwhile)(?!${S}(?:me|us)\\b)`,
    `value(?!${S}(?:to|for)${S}me\\b)`,
    `(?:helpen|geholpen|helpt|nuttig|nuttige|waardevol|waardevolle|baat|voordeel)(?!${S}${ME}\\b)`,
    `waarde(?!${S}voor${S}${ME}\\b)`,
    `iets${S}aan${S}(?:hebben|heeft|hebt)`,
    `verder${S}(?:helpen|brengen)`,
  ].join('|'),
  'iu',
);

const SUGGEST = {
  meCentred: {
    en: 'Centre the referee: ask whether they would be helped, e.g. "Would Anna be helped by …?"',
    nl: 'Centre the referee: ask whether they would be helped, e.g. "Zou Anna geholpen zijn met …?"',
  },
  contact: {
    en: 'Ask only for permission to mention their name, e.g. "May I mention your name when I contact them on LinkedIn?"',
    nl: 'Ask only for permission to mention their name, e.g. "Mag ik jouw naam noemen als ik contact opneem via LinkedIn?"',
  },
  value: {
    en: 'Say how the referee would be helped, e.g. "Would Anna be helped by …?"',
    nl: 'Say how the referee would be helped, e.g. "Zou dat voor Anna van waarde zijn?"',
  },
} as const;

/** Checks a draft ask; returns the findings sorted by line (empty when the draft is fine). */
export function lintDraft(text: string, opts: LintOptions = {}): Finding[] {
  const lang = opts.lang ?? 'en';
  const findings: Finding[] = [];

  // Patterns overlap ("could you introduce me to"): one finding per stretch of text.
  const seen: [number, number][] = [];
  for (const { lang: patternLang, re: pattern } of ANY_ME_CENTRED.test(text) ? meCentredPatterns() : []) {
    for (const m of text.matchAll(pattern)) {
      const [from, to] = [m.index, m.index + m[0].length];
      if (seen.some(([a, b]) => from < b && a < to)) continue;
      seen.push([from, to]);
      findings.push({
        line: lineAt(text, m.index),
        rule: 'me-centred',
        message: `"${oneLine(m[0])}" puts you at the centre, not the referee`,
        suggestion: SUGGEST.meCentred[opts.lang ?? patternLang],
      });
    }
  }

  for (const m of text.matchAll(CONTACT_DETAILS)) {
    if (NEGATION.test(sentenceAt(text, m.index))) continue;
    findings.push({
      line: lineAt(text, m.index),
      rule: 'asks-contact-details',
      message: `asks for "${oneLine(m[0])}": that puts the risk on your relation`,
      suggestion: SUGGEST.contact[lang],
    });
  }

  const referees = (opts.referees ?? []).map((r) => r.trim()).filter(Boolean);
  if (referees.length > 0 && !referees.some((name) => namesPerson(text, name))) {
    findings.push({
      line: 1,
      rule: 'no-referee',
      message: `none of the chosen connections is named (${referees.join(', ')})`,
      suggestion: 'Name the people you mean, so your relation knows exactly whom you are asking about.',
    });
  }

  if (!VALUE.test(text)) {
    findings.push({
      line: 1,
      rule: 'no-referee-value',
      message: 'nothing says how the referee would be helped',
      suggestion: SUGGEST.value[lang],
    });
  }

  const limit = opts.channel ? CHANNEL_LIMITS[opts.channel] : undefined;
  const chars = [...text.trimEnd()];
  if (limit !== undefined && chars.length > limit) {
    findings.push({
      line: lineAt(text, chars.slice(0, limit).join('').length),
      rule: 'too-long',
      message: `${chars.length} characters; a ${opts.channel} message takes at most ${limit}`,
      suggestion: `Cut ${chars.length - limit} characters: keep the opening, the names, the value and the one question.`,
    });
  }

  return findings.sort((a, b) => a.line - b.line || LINT_RULES.indexOf(a.rule) - LINT_RULES.indexOf(b.rule));
}

/** A whole-word pattern: \b is ASCII-only in JavaScript, so letters like "é" need lookarounds. */
function re(source: string, flags = 'giu'): RegExp {
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${source})(?![\p{L}\p{N}])`, flags);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const SENTENCE_END = /[.!?](?=\s|$)|\n\s*\n/g;

/** The sentence around a position: bounded by . ! ? or a blank line, not by a wrapped line. */
function sentenceAt(text: string, index: number): string {
  let start = 0;
  for (const m of text.slice(0, index).matchAll(SENTENCE_END)) start = m.index + m[0].length;
  const end = text.slice(index).search(SENTENCE_END);
  return text.slice(start, end === -1 ? text.length : index + end);
}

function namesPerson(text: string, name: string): boolean {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const first = name.split(/\s+/)[0] ?? name;
  return [name, first].some((n) => re(escape(n).replace(/\s+/g, S), 'iu').test(text));
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}
