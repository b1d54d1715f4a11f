// Cell values as they come out of exports and spreadsheets, made fit to store: one clean line of
// text, a canonical LinkedIn URL, an ISO date, a head count.

import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { cleanName } from '../core/text.js';

/** A cell as stored: the same cleaning as a name typed on the command line; null when empty. */
export function cleanText(value: string | undefined): string | null {
  const text = value === undefined ? '' : cleanName(value);
  return text === '' ? null : text;
}

/** https://www.linkedin.com/in/x/?trk=… → https://www.linkedin.com/in/x (host lowercase, no query, no trailing slash). */
export function normaliseUrl(value: string | undefined): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname.includes('.')) return null;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export function normaliseEmail(value: string | undefined): string | null {
  const text = cleanText(value)?.replace(/^mailto:/i, '') ?? null;
  return text !== null && /^[^\s@]+@[^\s@]+$/.test(text) ? text : null;
}

const COUNT = String.raw`\d{1,3}(?:[.,\u00a0 ]\d{3})+|\d+`;
const SIZE = new RegExp(
  String.raw`^(${COUNT})\s*(?:(?:-|–|—|to|tot)\s*(${COUNT}))?\s*\+?\s*(?:employees|medewerkers|werknemers|people)?$`,
  'i',
);

/**
 * Company head count: "120", "1.200", "10,001+", or a LinkedIn-style band "51-200 employees",
 * which becomes its midpoint (126) so that it can be compared with the ICP's size range.
 */
export function parseSize(value: string | undefined): number | null {
  const match = SIZE.exec(cleanText(value) ?? '');
  if (!match?.[1]) return null;
  const count = (digits: string) => Number(digits.replace(/\D/g, ''));
  const low = count(match[1]);
  return match[2] === undefined ? low : Math.round((low + count(match[2])) / 2);
}

// Every date layout seen in LinkedIn exports and their spreadsheet re-saves, plus ISO; a time of
// day ("4/11/18, 9:32 AM" in the older export) is cut off first.
const DATE_LAYOUTS = [
  'd MMM yyyy', // 12 Mar 2024 (current export)
  'M/d/yy', // 4/11/18 (older export)
  'd-MMM-yy', // 9-Apr-24 (spreadsheet re-save)
  'yyyy-MM-dd',
  'd MMMM yyyy',
  'd-MMM-yyyy',
  'M/d/yyyy',
  'MMM d, yyyy',
];
const TIME_OF_DAY = /,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?$/i;
// date-fns reads a two-digit year as the one nearest the reference year's window; from 2050 every
// "yy" lands in 2000–2099, and nobody connected on LinkedIn before 2003.
const TWO_DIGIT_YEAR_BASE = new Date(2050, 0, 1);
// A file uses one layout throughout, so the last one that worked is tried first.
let lastLayout = 0;
// date-fns parsing is the slowest step of an import, and a file holds a few thousand distinct
// days at most: remember the answers (bounded, for a long-running process).
const known = new Map<string, string | null>();

function readDate(text: string): string | null {
  for (let i = 0; i < DATE_LAYOUTS.length; i++) {
    const index = (lastLayout + i) % DATE_LAYOUTS.length;
    const date = parse(text, DATE_LAYOUTS[index]!, TWO_DIGIT_YEAR_BASE);
    if (isValid(date)) {
      lastLayout = index;
      return format(date, 'yyyy-MM-dd');
    }
  }
  return null;
}

/** A connection date in any known layout → YYYY-MM-DD, or null when unreadable. */
export function parseDate(value: string | undefined): string | null {
  const text = cleanText(value)?.replace(TIME_OF_DAY, '');
  if (!text) return null;
  let iso = known.get(text);
  if (iso === undefined) {
    iso = readDate(text);
    if (known.size >= 10_000) known.clear();
    known.set(text, iso);
  }
  return iso;
}
