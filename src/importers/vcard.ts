// vCard files (.vcf) as address books export them: Apple Contacts, Google Contacts, Outlook and
// phones. vCard 3.0 and 4.0, one or many cards per file, folded lines. The cards are read by
// ical.js (Mozilla's iCalendar and vCard parser), one at a time, so that a broken card is an error
// on its line rather than the end of the import.
//   FN (formatted name), else N (family;given;additional;prefix;suffix)
//   ORG (first component), TITLE (else ROLE), EMAIL (preferred, else the first),
//   a LinkedIn address from URL, X-SOCIALPROFILE or IMPP
import ICAL from 'ical.js';
import type { ImportRow } from './columns.js';
import { cleanText, normaliseEmail, normaliseUrl } from './normalise.js';

export interface VcardResult {
  rows: ImportRow[];
  skipped: number;
  errors: Array<{ line: number; reason: string }>;
}

/** Whether text (from its first line) is a vCard file. */
export function looksLikeVcard(text: string): boolean {
  return /^\s*BEGIN:VCARD\s*$/im.test(text.slice(0, 4096).split('\n').find((l) => l.trim() !== '') ?? '');
}

/** The cards of a file and the line each starts on. Text between cards is ignored. */
function cards(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  const lines = text.split('\n');
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim().toUpperCase();
    if (line === 'BEGIN:VCARD') start = i;
    else if (line === 'END:VCARD' && start !== -1) {
      out.push({ line: start + 1, text: lines.slice(start, i + 1).join('\r\n') + '\r\n' });
      start = -1;
    }
  }
  if (start !== -1) out.push({ line: start + 1, text: lines.slice(start).join('\r\n') });
  return out;
}

const text = (value: unknown): string | undefined => {
  if (Array.isArray(value)) return value.map((v) => text(v) ?? '').join(' ');
  return typeof value === 'string' ? value : value === null || value === undefined ? undefined : String(value);
};

function nameOf(card: ICAL.Component): string | null {
  const fn = cleanText(text(card.getFirstPropertyValue('fn')));
  if (fn !== null) return fn;
  const n = card.getFirstPropertyValue('n') as unknown;
  if (!Array.isArray(n)) return cleanText(text(n));
  const [family, given, additional, prefix, suffix] = n.map((part) => text(part) ?? '');
  return cleanText([prefix, given, additional, family, suffix].join(' '));
}

function linkedinOf(card: ICAL.Component): string | null {
  for (const name of ['url', 'x-socialprofile', 'impp']) {
    for (const prop of card.getAllProperties(name)) {
      const value = text(prop.getFirstValue());
      if (value && /linkedin\.com/i.test(value)) return normaliseUrl(value);
    }
  }
  return null;
}

function emailOf(card: ICAL.Component): string | null {
  const props = card.getAllProperties('email');
  const pref = (p: ICAL.Property) => {
    const type = p.getParameter('type');
    const types = (Array.isArray(type) ? type : [type]).map((t) => String(t ?? '').toLowerCase());
    return types.includes('pref') || p.getParameter('pref') !== undefined;
  };
  for (const p of [...props.filter(pref), ...props]) {
    const email = normaliseEmail(text(p.getFirstValue()));
    if (email !== null) return email;
  }
  return null;
}

function companyOf(card: ICAL.Component): string | null {
  const org = card.getFirstPropertyValue('org') as unknown;
  return cleanText(Array.isArray(org) ? text(org[0]) : text(org));
}

/** The cards of a vCard file as rows; a card without a name is skipped, an unreadable one an error. */
export function parseVcards(content: string): VcardResult {
  const result: VcardResult = { rows: [], skipped: 0, errors: [] };
  for (const { line, text: cardText } of cards(content)) {
    let card: ICAL.Component;
    try {
      const parsed = ICAL.parse(cardText);
      card = new ICAL.Component(Array.isArray(parsed[0]) ? (parsed[0] as unknown as ICAL.Component['jCal']) : (parsed as ICAL.Component['jCal']));
      if (card.name !== 'vcard') throw new Error('not a vCard');
    } catch (err) {
      result.errors.push({ line, reason: `unreadable vCard: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    const name = nameOf(card);
    if (name === null) {
      result.skipped++;
      continue;
    }
    result.rows.push({
      line,
      name,
      title: cleanText(text(card.getFirstPropertyValue('title') ?? card.getFirstPropertyValue('role'))),
      company: companyOf(card),
      industry: null,
      size: null,
      location: null,
      linkedin: linkedinOf(card),
      email: emailOf(card),
      connectedOn: null,
    });
  }
  return result;
}
