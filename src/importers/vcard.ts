// vCard files (.vcf) as address books export them: Apple Contacts, Google Contacts, Outlook and
// phones. vCard 3.0 and 4.0, one or many cards per file, folded lines; and the older 2.1 that
// Outlook and phones still write (bare parameters, quoted-printable values), made 3.0 first. The cards are read by
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

/** Quoted-printable text ("J=C3=BCrgen") as the characters its bytes spell in the charset. */
function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '=' ? /^[0-9a-f]{2}$/i.exec(value.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i]!, 'utf8'));
  }
  try {
    return new TextDecoder(charset).decode(Uint8Array.from(bytes));
  } catch {
    return Buffer.from(bytes).toString('utf8');
  }
}

/**
 * A vCard 2.1 card in 3.0's syntax: bare parameters (EMAIL;PREF;INTERNET) get their TYPE=, and
 * quoted-printable values (with their soft line breaks) are decoded. Other cards pass unchanged.
 */
export function from21(card: string): string {
  if (!/^VERSION:\s*2\.1\s*$/im.test(card)) return card;
  const lines: string[] = [];
  for (const line of card.split('\r\n')) {
    const previous = lines[lines.length - 1];
    // A quoted-printable line that ends in "=" goes on in the next one.
    if (previous !== undefined && /ENCODING=QUOTED-PRINTABLE/i.test(previous.split(':')[0]!) && previous.endsWith('=')) {
      lines[lines.length - 1] = previous.slice(0, -1) + line;
    } else lines.push(line);
  }
  return lines
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon === -1) return line;
      const [name, ...params] = line.slice(0, colon).split(';');
      let value = line.slice(colon + 1);
      const kept: string[] = [];
      let qp = false;
      let charset = 'utf-8';
      for (const param of params) {
        const [key, val] = param.includes('=') ? (param.split('=', 2) as [string, string]) : ['TYPE', param];
        if (key.toUpperCase() === 'ENCODING' && val.toUpperCase() === 'QUOTED-PRINTABLE') qp = true;
        else if (key.toUpperCase() === 'CHARSET') charset = val;
        else kept.push(`${key}=${val}`);
      }
      if (qp) value = decodeQuotedPrintable(value, charset).replace(/\r?\n/g, '\\n');
      return [name, ...kept].join(';') + ':' + value;
    })
    .join('\r\n');
}

/** The cards of a vCard file as rows; a card without a name is skipped, an unreadable one an error. */
export function parseVcards(content: string): VcardResult {
  const result: VcardResult = { rows: [], skipped: 0, errors: [] };
  for (const { line, text: cardText } of cards(content)) {
    let card: ICAL.Component;
    try {
      const parsed = ICAL.parse(from21(cardText));
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
