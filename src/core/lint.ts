// Checks a draft ask against the playbook: centre the referee, never ask for contact details,
// name the people you mean, say how they would be helped, and fit the channel. Pure: text in,
// findings out. The words of every language (LINT_LANGUAGES) are checked in every draft,
// whatever its language, because drafts mix them; the findings speak the draft's language.
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
  /** language of the findings and suggestions (default: the draft's, see detectLanguage) */
  lang?: Lang;
  /** names of the chosen connections; enables the `no-referee` rule */
  referees?: string[];
}

/** Longest message a channel takes, in characters. LinkedIn: the limit of a direct message. */
export const CHANNEL_LIMITS: Partial<Record<Channel, number>> = { linkedin: 1900 };

// Words may be split by any white space, including a line break in a hard-wrapped draft.
const S = String.raw`\s+`;
const ME = String.raw`(?:me|mij)`;
/** A few words between two parts of a phrase ("kannst du mich Anna de Vries vorstellen"). */
const GAP = String.raw`(?:\s+\S+){0,4}?`; // \S, not \p{L}: a property class costs every ask its compile time

/**
 * What the lint knows of one language: its patterns (regular expression sources, matched as whole
 * words, case aside) and the words of its findings. Every language's patterns are checked in
 * every draft, whatever its language, because drafts mix them; the draft's language picks the
 * words of the findings and the example in each suggestion.
 */
interface LintLanguage {
  /** phrases that put the rep at the centre */
  meCentred: string[];
  /** asking for a phone number, an e-mail address, contact details */
  contactDetails: string[];
  /** a sentence with one of these rules the details out ("I am not asking for …"); bounded with \b, not re() */
  negation: string[];
  /** how the referee would be helped */
  value: string[];
  /** a few common words, to tell the language of a draft */
  common: string[];
  say: {
    meCentred: (phrase: string) => string;
    contact: (phrase: string) => string;
    noReferee: (names: string) => string;
    noValue: string;
    tooLong: (chars: number, channel: string, limit: number) => string;
  };
  suggest: { meCentred: string; contact: string; noReferee: string; value: string; tooLong: (cut: number) => string };
}

export const LINT_LANGUAGES: Record<Lang, LintLanguage> = {
  en: {
    meCentred: [
      `(?:it|that|this)${S}would${S}(?:really${S})?mean${S}(?:a${S}lot|so${S}much|the${S}world)${S}to${S}me`,
      `(?:can|could|would|will)${S}you${S}(?:please${S})?(?:introduce|intro|refer|recommend|connect)${S}me`,
      `(?:introduce|intro)${S}me${S}to`,
      `put${S}me${S}in${S}touch`,
      `do${S}me${S}a${S}(?:big${S}|huge${S}|small${S})?favou?r`,
      `(?:it|that)${S}would${S}(?:really${S})?help${S}me`,
      `help${S}me${S}out`,
      `I${S}(?:really${S})?need${S}(?:more${S}|some${S}|a${S}few${S})?(?:leads|referrals|introductions|clients|customers)`,
    ],
    contactDetails: [
      `(?:tele)?phone${S}numbers?`,
      `(?:mobile|cell)${S}(?:phone${S})?numbers?`,
      `e-?mail${S}address(?:es)?`,
      `contact${S}(?:details|info(?:rmation)?)`,
      `(?:his|her|their)${S}(?:number|e-?mail|phone)`,
    ],
    negation: [`\\b(?:not|never|without|nor|no${S}need)\\b`, `n't\\b`, `\\bno(?=${S}(?:phone|mobile|e-?mail|contact|numbers?))`],
    value: [`(?:help|helps|helped|helping|benefit|benefits|valuable|useful|worthwhile)(?!${S}(?:me|us)(?![\\p{L}\\p{N}]))`, `value(?!${S}(?:to|for)${S}me(?![\\p{L}\\p{N}]))`],
    common: ['the', 'and', 'you', 'your', 'would', 'with', 'is', 'of', 'to', 'that', 'have', 'what', 'it', 'could', 'can', 'please', 'her', 'his', 'their', 'be', 'do', 'a', 'on', 'this'],
    say: {
      meCentred: (p) => `"${p}" puts you at the centre, not the referee`,
      contact: (p) => `asks for "${p}": that puts the risk on your relation`,
      noReferee: (names) => `none of the chosen connections is named (${names})`,
      noValue: 'nothing says how the referee would be helped',
      tooLong: (n, channel, limit) => `${n} characters; a ${channel} message takes at most ${limit}`,
    },
    suggest: {
      meCentred: 'Centre the referee: ask whether they would be helped, e.g. "Would Anna be helped by …?"',
      contact: 'Ask only for permission to mention their name, e.g. "May I mention your name when I contact them on LinkedIn?"',
      noReferee: 'Name the people you mean, so your relation knows exactly whom you are asking about.',
      value: 'Say how the referee would be helped, e.g. "Would Anna be helped by …?"',
      tooLong: (cut) => `Cut ${cut} characters: keep the opening, the names, the value and the one question.`,
    },
  },
  nl: {
    meCentred: [
      `het${S}zou${S}(?:heel${S}|erg${S}|enorm${S})?veel${S}voor${S}${ME}${S}betekenen`,
      `het${S}zou${S}(?:echt${S})?van${S}(?:grote${S})?waarde${S}voor${S}${ME}${S}zijn`,
      `(?:kun|kan|wil|zou)${S}(?:je|jij|u)${S}${ME}${S}(?:even${S})?(?:willen${S})?(?:voorstellen|introduceren|aanbevelen|doorverwijzen)`,
      `${ME}${S}(?:even${S})?(?:voorstellen|introduceren)${S}aan`,
      `${ME}${S}in${S}contact${S}(?:brengen|zetten)`,
      `doe${S}${ME}${S}een${S}(?:groot${S}|klein${S})?(?:plezier|lol|gunst)`,
      `${ME}${S}een${S}(?:groot${S}|klein${S})?(?:plezier|gunst)${S}(?:willen${S})?doen`,
      `(?:het|dat|je)${S}zou${S}${ME}${S}(?:echt${S}|enorm${S}|erg${S}|heel${S}erg${S})?helpen`,
      `ik${S}(?:heb|zoek)${S}(?:nog${S}|wat${S}|meer${S})?(?:leads|referrals|klanten|introducties)${S}nodig`,
    ],
    contactDetails: [
      `telefoonnummers?`,
      `06[-\\s]?nummers?`,
      `mobiele?${S}nummers?`,
      `(?:e-?)?mailadres(?:sen)?`,
      `contactgegevens`,
      `(?:zijn|haar|hun)${S}(?:telefoon)?(?:nummer|e-?mail|mail)`,
    ],
    // "niet toevallig" is a way of asking ("heb je niet toevallig zijn nummer?"), not a negation.
    negation: [`\\b(?:geen|nooit|zonder)\\b`, `\\bniet\\b(?!${S}toevallig)`],
    value: [
      `(?:helpen|geholpen|helpt|nuttig|nuttige|waardevol|waardevolle|baat|voordeel)(?!${S}${ME}(?![\\p{L}\\p{N}]))`,
      `waarde(?!${S}voor${S}${ME}(?![\\p{L}\\p{N}]))`,
      `iets${S}aan${S}(?:hebben|heeft|hebt)`,
      `verder${S}(?:helpen|brengen)`,
    ],
    common: ['de', 'het', 'een', 'en', 'je', 'jij', 'ik', 'niet', 'wat', 'voor', 'met', 'zou', 'dat', 'van', 'ook', 'mij', 'zijn', 'haar', 'kun', 'wil', 'op', 'als', 'mag', 'heb', 'dit', 'naar', 'jouw'],
    say: {
      meCentred: (p) => `"${p}" zet jou in het middelpunt, niet de referee`,
      contact: (p) => `vraagt om "${p}": dat legt het risico bij je relatie`,
      noReferee: (names) => `geen van de gekozen connecties wordt genoemd (${names})`,
      noValue: 'nergens staat hoe de referee ermee geholpen zou zijn',
      tooLong: (n, channel, limit) => `${n} tekens; een ${channel}-bericht mag hoogstens ${limit} tekens hebben`,
    },
    suggest: {
      meCentred: 'Zet de referee centraal: vraag of die ermee geholpen zou zijn, bijvoorbeeld “Zou Anna geholpen zijn met …?”',
      contact: 'Vraag alleen of je de naam van je relatie mag noemen, bijvoorbeeld “Mag ik jouw naam noemen als ik contact opneem via LinkedIn?”',
      noReferee: 'Noem de mensen die je bedoelt, zodat je relatie precies weet naar wie je vraagt.',
      value: 'Zeg hoe de referee ermee geholpen zou zijn, bijvoorbeeld “Zou dat voor Anna van waarde zijn?”',
      tooLong: (cut) => `Schrap ${cut} tekens: houd de opening, de namen, de waarde en de ene vraag.`,
    },
  },
  da: {
    meCentred: [
      `det${S}(?:ville|vil)${S}(?:virkelig${S}|rigtig${S})?betyde${S}(?:rigtig${S}|utrolig${S}|så${S})?meget${S}for${S}mig`,
      `(?:kan|kunne|vil|ville|gider)${S}du${S}(?:ikke${S})?(?:lige${S})?(?:introducere|præsentere|anbefale|henvise)${S}mig`,
      `(?:introducere|præsentere)${S}mig${S}for`,
      `(?:sætte|sæt)${S}mig${S}i${S}(?:kontakt|forbindelse)${S}med`,
      `(?:gøre|gør)${S}mig${S}en${S}(?:stor${S}|lille${S})?tjeneste`,
      `(?:det|du)${S}(?:ville|vil|kunne)${S}(?:virkelig${S}|rigtig${S})?hjælpe${S}mig`,
      `jeg${S}(?:har${S}brug${S}for|mangler)${S}(?:flere${S}|nye${S}|nogle${S})?(?:leads|kunder|henvisninger|anbefalinger|introduktioner)`,
    ],
    contactDetails: [
      `telefonnum(?:mer|mer(?:et|ene)|re|rene)`,
      `mobilnum(?:mer|mer(?:et|ene)|re|rene)`,
      `(?:e-?)?mailadresse(?:n|r|rne)?`,
      `kontaktoplysninger(?:ne)?`,
      `(?:hans|hendes|deres)${S}(?:nummer|e-?mail|mail|telefon|mobil)`,
    ],
    // "Kan du ikke sende mig …?" and "har du ikke lige …?" ask; they do not rule anything out.
    negation: [`\\b(?:aldrig|uden|ingen)\\b`, `(?<!\\b(?:kan|kunne|vil|ville|gider|har)${S}(?:du|I)${S})\\bikke\\b(?!${S}lige)`],
    value: [
      `(?:hjælpe|hjælper|hjulpet|hjælp)(?!${S}mig(?![\\p{L}\\p{N}]))`,
      `gavn(?:e|er|et|lig|ligt)?`,
      `nyttig(?:e|t)?`,
      `brugbar(?:e|t)?`,
      `værdi(?:fuld|fuldt|fulde)?(?!${S}for${S}mig(?![\\p{L}\\p{N}]))`,
      `fordel(?:e|en|agtig|agtigt)?`,
    ],
    common: ['og', 'det', 'at', 'du', 'jeg', 'ikke', 'er', 'til', 'på', 'med', 'har', 'dig', 'hvad', 'af', 'som', 'vi', 'mig', 'vil', 'ville', 'han', 'der', 'også', 'hvis', 'må', 'lige', 'hendes', 'hans', 'deres', 'et', 'sig'],
    say: {
      meCentred: (p) => `"${p}" sætter dig i centrum, ikke den anbefalede person`,
      contact: (p) => `beder om "${p}": det lægger risikoen over på din relation`,
      noReferee: (names) => `ingen af de valgte kontakter bliver nævnt (${names})`,
      noValue: 'intet siger, hvordan den anbefalede person ville have gavn af det',
      tooLong: (n, channel, limit) => `${n} tegn; en ${channel}-besked må højst have ${limit}`,
    },
    suggest: {
      meCentred: 'Sæt den anbefalede person i centrum: spørg, om vedkommende ville have gavn af det, fx »Tror du, Anna ville have gavn af …?«',
      contact: 'Bed kun om lov til at nævne din relations navn, fx »Må jeg nævne dit navn, når jeg kontakter dem på LinkedIn?«',
      noReferee: 'Nævn de personer, du mener, så din relation ved præcis, hvem du spørger om.',
      value: 'Sig, hvordan den anbefalede person ville have gavn af det, fx »Tror du, Anna ville have gavn af det?«',
      tooLong: (cut) => `Skær ${cut} tegn væk: behold indledningen, navnene, værdien og det ene spørgsmål.`,
    },
  },
  de: {
    meCentred: [
      `(?:es|das)${S}würde${S}mir${S}(?:sehr${S}|wirklich${S}|unglaublich${S}|so${S})?viel${S}bedeuten`,
      `(?:(?:kannst|könntest|würdest|magst)${S}du|(?:können|könnten|würden)${S}sie)${S}mich${GAP}${S}(?:vorstellen|empfehlen|weiterempfehlen|vermitteln|bekannt${S}machen)`,
      `mich${GAP}${S}in${S}kontakt${S}(?:bringen|setzen)`,
      `(?:bring|bringst|setz|setzt)${S}mich${GAP}${S}in${S}kontakt`,
      `(?:tu|tust|würdest|(?:tun|würden)${S}sie)${S}(?:du${S})?mir${S}(?:bitte${S})?einen${S}(?:großen${S}|kleinen${S})?gefallen`,
      `(?:es|das)${S}würde${S}mir${S}(?:sehr${S}|wirklich${S}|enorm${S})?helfen`,
      `ich${S}brauche${S}(?:dringend${S})?(?:mehr${S}|neue${S})?(?:leads|empfehlungen|kunden|kontakte)`,
    ],
    contactDetails: [
      `telefonnummer(?:n)?`,
      `(?:handy|mobil)nummer(?:n)?`,
      `e-?mail-?adresse(?:n)?|mailadresse(?:n)?`,
      `kontaktdaten|kontaktinformationen`,
      `(?:seine|ihre|deren)${S}(?:nummer|e-?mail|mail|handynummer)`,
    ],
    // "Kannst du mir nicht … schicken?", "Könnten Sie mir nicht …?" and "hast du nicht zufällig …?" ask; they do not rule anything out.
    negation: [`\\b(?:kein(?:e|en|er|es)?|nie|niemals|ohne)\\b`, `(?<!(?:(?:kannst|könntest|würdest|magst)${S}du|(?:können|könnten|würden|haben)${S}sie)${S}(?:mir${S})?)\\bnicht\\b(?!${S}zufällig)`],
    value: [
      `(?<!mir${S}(?:\\S+${S})?)(?:helfen|weiterhelfen|geholfen|weitergeholfen)`,
      `(?:hilft|weiterhilft)(?!${S}mir(?![\\p{L}\\p{N}]))`,
      `nützlich(?:e|en|er|es)?`,
      `wertvoll(?:e|en|er|es)?(?!${S}für${S}mich(?![\\p{L}\\p{N}]))`,
      `profitier(?:en|t|te)`,
      `(?:lohnt|lohnen)`,
      `(?:mehrwert|nutzen|vorteil|vorteile)`,
    ],
    common: ['und', 'der', 'die', 'das', 'ich', 'nicht', 'ist', 'mit', 'für', 'dich', 'dir', 'wir', 'auf', 'ein', 'eine', 'zu', 'es', 'mir', 'mich', 'auch', 'würde', 'wenn', 'sie', 'ihr', 'dass', 'dem', 'bitte', 'kannst', 'hast', 'nach', 'einen'],
    say: {
      meCentred: (p) => `"${p}" stellt dich in den Mittelpunkt, nicht die empfohlene Person`,
      contact: (p) => `fragt nach "${p}": Das schiebt das Risiko deiner Ansprechperson zu`,
      noReferee: (names) => `keiner der gewählten Kontakte wird genannt (${names})`,
      noValue: 'nirgends steht, wie die empfohlene Person davon profitieren würde',
      tooLong: (n, channel, limit) => `${n} Zeichen; eine ${channel}-Nachricht darf höchstens ${limit} haben`,
    },
    suggest: {
      meCentred: 'Stell die empfohlene Person in den Mittelpunkt: Frag, ob sie davon profitieren würde, z. B. „Glaubst du, das würde Anna weiterhelfen?“',
      contact: 'Bitte nur darum, den Namen deiner Ansprechperson erwähnen zu dürfen, z. B. „Darf ich deinen Namen erwähnen, wenn ich sie über LinkedIn kontaktiere?“',
      noReferee: 'Nenne die Personen, die du meinst, damit deine Ansprechperson genau weiß, nach wem du fragst.',
      value: 'Sag, wie die empfohlene Person davon profitieren würde, z. B. „Glaubst du, das würde Anna weiterhelfen?“',
      tooLong: (cut) => `Kürze um ${cut} Zeichen: Behalte den Einstieg, die Namen, den Nutzen und die eine Frage.`,
    },
  },
};

const ALL = Object.entries(LINT_LANGUAGES) as [Lang, LintLanguage][];
const ME_CENTRED_PHRASES = ALL.flatMap(([lang, l]) => l.meCentred.map((source) => ({ lang, source })));

/**
 * Any me-centred phrase, without the word boundaries. Each bounded pattern costs about half a
 * millisecond to compile on its first match (its \p{L} classes), ten milliseconds for all of them
 * in every `refer ask`; this one is cheap, and wherever a bounded pattern matches it matches too,
 * so a draft it finds nothing in needs no bounded pattern at all.
 */
const ANY_ME_CENTRED = new RegExp(ME_CENTRED_PHRASES.map((p) => `(?:${p.source})`).join('|'), 'iu');
let meCentred: { lang: Lang; re: RegExp }[] | undefined;
const meCentredPatterns = () => (meCentred ??= ME_CENTRED_PHRASES.map((p) => ({ lang: p.lang, re: re(p.source) })));

const CONTACT_DETAILS = re(ALL.flatMap(([, l]) => l.contactDetails).join('|'));
// A sentence that says you will NOT ask for the details is the advice itself, not a breach of it.
// Its words are ASCII, so \b bounds them, without the lookarounds that cost re() its compile time.
const NEGATION = new RegExp(ALL.flatMap(([, l]) => l.negation).join('|'), 'iu');
// How the referee would be helped. "help me" and "of value to me" are about the rep, not the referee.
const VALUE = re(ALL.flatMap(([, l]) => l.value).join('|'), 'iu');

const COMMON = ALL.map(([lang, l]) => ({ lang, words: new Set(l.common) }));

/**
 * The language a draft is written in: the one whose common words it uses most, else `fallback`.
 * A draft is not always in the profile's language (a rep writes to a Danish client in Danish).
 */
export function detectLanguage(text: string, fallback: Lang = 'en'): Lang {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let best: Lang = fallback;
  let bestCount = 0;
  for (const { lang, words: common } of COMMON) {
    const count = words.reduce((n, w) => n + (common.has(w) ? 1 : 0), 0);
    if (count > bestCount) [best, bestCount] = [lang, count];
  }
  return best;
}

/** Checks a draft ask; returns the findings sorted by line (empty when the draft is fine). */
export function lintDraft(text: string, opts: LintOptions = {}): Finding[] {
  const lang = opts.lang ?? detectLanguage(text);
  const { say, suggest } = LINT_LANGUAGES[lang];
  const findings: Finding[] = [];

  // Patterns overlap ("could you introduce me to"): one finding per stretch of text.
  const seen: [number, number][] = [];
  for (const { re: pattern } of ANY_ME_CENTRED.test(text) ? meCentredPatterns() : []) {
    for (const m of text.matchAll(pattern)) {
      const [from, to] = [m.index, m.index + m[0].length];
      if (seen.some(([a, b]) => from < b && a < to)) continue;
      seen.push([from, to]);
      findings.push({ line: lineAt(text, m.index), rule: 'me-centred', message: say.meCentred(oneLine(m[0])), suggestion: suggest.meCentred });
    }
  }

  for (const m of text.matchAll(CONTACT_DETAILS)) {
    if (NEGATION.test(sentenceAt(text, m.index))) continue;
    findings.push({ line: lineAt(text, m.index), rule: 'asks-contact-details', message: say.contact(oneLine(m[0])), suggestion: suggest.contact });
  }

  const referees = (opts.referees ?? []).map((r) => r.trim()).filter(Boolean);
  if (referees.length > 0 && !referees.some((name) => namesPerson(text, name))) {
    findings.push({ line: 1, rule: 'no-referee', message: say.noReferee(referees.join(', ')), suggestion: suggest.noReferee });
  }

  if (!VALUE.test(text)) {
    findings.push({ line: 1, rule: 'no-referee-value', message: say.noValue, suggestion: suggest.value });
  }

  const limit = opts.channel ? CHANNEL_LIMITS[opts.channel] : undefined;
  const chars = [...text.trimEnd()];
  if (opts.channel && limit !== undefined && chars.length > limit) {
    findings.push({
      line: lineAt(text, chars.slice(0, limit).join('').length),
      rule: 'too-long',
      message: say.tooLong(chars.length, opts.channel, limit),
      suggestion: suggest.tooLong(chars.length - limit),
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
