// ICP fit of a connection (0–100, with reasons): does their role, seniority, industry, company
// size and region match the rep's Ideal Customer Profile, and is their company excluded?

import type { Connection, Icp } from './model.js';

export type FitInput = Pick<Connection, 'title' | 'company' | 'industry' | 'size' | 'location'>;

export interface Fit {
  /** 0..100, an integer */
  score: number;
  reasons: string[];
  excluded: boolean;
}

/**
 * What each part weighs. A part whose ICP field is empty (no titles, no industries, no size
 * bounds, no regions) drops out and the rest is rescaled to 0–100, so any ICP spreads the full
 * range. Seniority needs no ICP field: a decision maker is the better referee either way.
 */
export const FIT_WEIGHTS = { title: 35, seniority: 15, industry: 20, size: 15, region: 15 } as const;

/** Credit for a value the connection does not have (industry, size, location): neutral, just above a miss. */
export const UNKNOWN_CREDIT = 0.25;

/** Seniority levels, highest first, by the canonical title words of TITLE_SYNONYMS. */
export const SENIORITY = [
  { reason: 'senior: C-level', credit: 1, words: ['ceo', 'cfo', 'cto', 'coo', 'cmo', 'cio', 'chief', 'president', 'owner'] },
  { reason: 'senior: VP/head/director', credit: 0.7, words: ['vp', 'head', 'director'] },
  { reason: 'manager level', credit: 0.4, words: ['manager'] },
] as const;

// Words that make a title a support role whatever else it says ("Assistant to the CEO").
const SUPPORT_WORDS = new Set(['assistant', 'assistent', 'secretary', 'secretaresse', 'intern', 'trainee', 'stagiair']);

// Spellings of a title word, in the form words() gives them → the word they stand for. Both an
// ICP title and a connection's title are read through this table, so "CFO" matches
// "Chief Financial Officer" and "directeur" matches "Director".
const TITLE_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  ceo: ['chief executive officer', 'chief executive', 'managing director', 'algemeen directeur', 'dga'],
  cfo: ['chief financial officer', 'chief finance officer', 'financieel directeur'],
  cto: ['chief technology officer', 'chief technical officer', 'technisch directeur'],
  coo: ['chief operating officer', 'chief operations officer', 'operationeel directeur'],
  cmo: ['chief marketing officer'],
  cio: ['chief information officer'],
  vp: ['vice president', 'senior vice president', 'executive vice president', 'svp', 'evp'],
  head: ['head of', 'hoofd'],
  director: ['directeur', 'directrice', 'dir'],
  manager: ['mgr'],
  owner: ['eigenaar', 'eigenares', 'founder', 'co founder', 'cofounder', 'oprichter', 'mede oprichter', 'medeoprichter', 'zaakvoerder'],
};
const CANONICAL = new Map(Object.entries(TITLE_SYNONYMS).flatMap(([word, phrases]) => phrases.map((p) => [p, word] as const)));
// Longest phrase first, so "senior vice president" wins over "vice president".
const SYNONYM_PATTERN = new RegExp(
  `(?<= )(?:${[...CANONICAL.keys()].sort((a, b) => b.length - a.length).join('|')})(?= )`,
  'g',
);
// Filler words in an ICP title that a connection's title need not repeat ("Head of Finance").
const FILLER = new Set(['of', 'the', 'and', 'for', 'at', 'van', 'de', 'het', 'en', 'voor']);

// Names by which a region is written in a location; a term in one group matches all of its
// names. Codes of up to three letters only match a whole part of the location ("Utrecht, NL"),
// so the Dutch article in "De Bilt" is not Germany.
const NL = ['netherlands', 'the netherlands', 'nederland', 'holland', 'nl', 'nld'];
const BE = ['belgium', 'belgie', 'belgique', 'belgien', 'be', 'bel'];
const LU = ['luxembourg', 'luxemburg', 'lu', 'lux'];
const REGION_GROUPS: readonly (readonly string[])[] = [
  NL,
  BE,
  LU,
  ['benelux', ...NL, ...BE, ...LU],
  ['germany', 'deutschland', 'duitsland', 'de', 'deu'],
  ['denmark', 'danmark', 'denemarken', 'dk', 'dnk'],
  ['france', 'frankrijk', 'fr', 'fra'],
  ['united kingdom', 'uk', 'great britain', 'gb', 'england', 'engeland'],
  ['united states', 'united states of america', 'us', 'usa', 'verenigde staten'],
];

/** Lower-case words without accents: "Directeur Général" → ["directeur", "general"]. */
function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** The words of a title with each known spelling replaced by its canonical word. */
function canonicalWords(text: string): string[] {
  return ` ${words(text).join(' ')} `
    .replace(SYNONYM_PATTERN, (phrase) => CANONICAL.get(phrase) ?? phrase)
    .split(' ')
    .filter((w) => w !== '');
}

/** Whether `term`'s words appear in order, as whole words, in `text` (both as words() gives them). */
const hasPhrase = (text: string, term: string) => term !== '' && ` ${text} `.includes(` ${term} `);

function matchTitle(title: string, terms: readonly string[]): string | undefined {
  const have = new Set([...words(title), ...canonicalWords(title)]);
  return terms.find((term) => {
    const need = canonicalWords(term).filter((w) => !FILLER.has(w));
    return need.length > 0 && need.every((w) => have.has(w));
  });
}

function seniorityOf(title: string): (typeof SENIORITY)[number] | undefined {
  if (words(title).some((w) => SUPPORT_WORDS.has(w))) return undefined;
  const have = new Set(canonicalWords(title));
  return SENIORITY.find((level) => level.words.some((w) => have.has(w)));
}

/** An industry matches when one starts a word of the other: "transport" ~ "Transportation/Trucking". */
function matchIndustry(industry: string, terms: readonly string[]): string | undefined {
  const have = ` ${words(industry).join(' ')}`;
  if (have.trim() === '') return undefined;
  return terms.find((term) => {
    const need = ` ${words(term).join(' ')}`;
    return need.trim() !== '' && (have.includes(need) || need.includes(have));
  });
}

function matchRegion(location: string, terms: readonly string[]): string | undefined {
  const parts = location.split(/[,;/|()]/).map((part) => words(part).join(' '));
  const whole = words(location).join(' ');
  return terms.find((term) => {
    const name = words(term).join(' ');
    const names = REGION_GROUPS.find((group) => group.includes(name)) ?? [name];
    return names.some((n) => (n.length <= 3 ? parts.includes(n) : hasPhrase(whole, n)));
  });
}

function isExcluded(company: string, excluded: readonly string[]): boolean {
  const name = words(company).join(' ');
  return excluded.some((x) => hasPhrase(name, words(x).join(' ')));
}

/** The matchers icpFit uses; fitScorer gives remembering ones. */
interface Matchers {
  excluded(company: string): boolean;
  title(title: string): string | undefined;
  seniority(title: string): (typeof SENIORITY)[number] | undefined;
  industry(industry: string): string | undefined;
  region(location: string): string | undefined;
}

const plain = (icp: Icp): Matchers => ({
  excluded: (company) => isExcluded(company, icp.excludeCompanies),
  title: (title) => matchTitle(title, icp.titles),
  seniority: seniorityOf,
  industry: (industry) => matchIndustry(industry, icp.industries),
  region: (location) => matchRegion(location, icp.regions),
});

function remember<T>(f: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    if (seen.has(key)) return seen.get(key) as T;
    const value = f(key);
    // a bound, so that a pass over a huge network of distinct values cannot grow without end
    if (seen.size >= 100_000) seen.clear();
    seen.set(key, value);
    return value;
  };
}

/** How well a connection fits the ICP. Pure; reasons are short phrases for the rep. */
export function icpFit(conn: FitInput, icp: Icp): Fit {
  return fitWith(conn, icp, plain(icp));
}

/**
 * icpFit for many connections against one ICP: the same scores and reasons, each title, company,
 * industry and location matched once (a network repeats them: "CEO", "Netherlands").
 */
export function fitScorer(icp: Icp): (conn: FitInput) => Fit {
  const m = plain(icp);
  const matchers: Matchers = {
    excluded: remember(m.excluded),
    title: remember(m.title),
    seniority: remember(m.seniority),
    industry: remember(m.industry),
    region: remember(m.region),
  };
  return (conn) => fitWith(conn, icp, matchers);
}

function fitWith(conn: FitInput, icp: Icp, m: Matchers): Fit {
  if (conn.company !== null && icp.excludeCompanies.length > 0 && m.excluded(conn.company)) {
    return { score: 0, reasons: [`excluded company: ${conn.company}`], excluded: true };
  }
  const reasons: string[] = [];
  let earned = 0;
  let possible = 0;
  const part = (weight: number, credit: number, reason: string | null) => {
    possible += weight;
    earned += weight * credit;
    if (reason !== null) reasons.push(reason);
  };

  if (icp.titles.length > 0) {
    const hit = conn.title === null ? undefined : m.title(conn.title);
    const reason = conn.title === null ? 'title unknown' : hit === undefined ? 'title not in ICP' : `title matches ${hit}`;
    part(FIT_WEIGHTS.title, hit === undefined ? 0 : 1, reason);
  }

  const level = conn.title === null ? undefined : m.seniority(conn.title);
  part(FIT_WEIGHTS.seniority, level?.credit ?? 0, level?.reason ?? null);

  if (icp.industries.length > 0) {
    if (conn.industry === null) part(FIT_WEIGHTS.industry, UNKNOWN_CREDIT, 'industry unknown');
    else {
      const hit = m.industry(conn.industry);
      part(FIT_WEIGHTS.industry, hit === undefined ? 0 : 1, hit === undefined ? `other industry: ${conn.industry}` : `industry: ${hit}`);
    }
  }

  const { minSize: min, maxSize: max } = icp;
  if (min !== null || max !== null) {
    const size = conn.size;
    if (size === null) part(FIT_WEIGHTS.size, UNKNOWN_CREDIT, 'size unknown');
    else if (min !== null && size < min) part(FIT_WEIGHTS.size, 0, `size ${size} below ${min}`);
    else if (max !== null && size > max) part(FIT_WEIGHTS.size, 0, `size ${size} above ${max}`);
    else {
      const range = min !== null && max !== null ? `within ${min}–${max}` : min !== null ? `at least ${min}` : `at most ${max}`;
      part(FIT_WEIGHTS.size, 1, `size ${size} ${range}`);
    }
  }

  if (icp.regions.length > 0) {
    if (conn.location === null) part(FIT_WEIGHTS.region, UNKNOWN_CREDIT, 'region unknown');
    else {
      const hit = m.region(conn.location);
      part(FIT_WEIGHTS.region, hit === undefined ? 0 : 1, hit === undefined ? 'outside region' : `region: ${hit}`);
    }
  }

  return { score: Math.round((100 * earned) / possible), reasons, excluded: false };
}

/** A comma-separated flag value as a list: "a, b,,c" → ["a", "b", "c"] (repeats dropped, any case). */
export function parseListFlag(value: string): string[] {
  const seen = new Set<string>();
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => {
      const key = item.toLowerCase();
      if (item === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
