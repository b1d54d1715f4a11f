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

// Lowercase host, path segments of letters, digits, "_" and "-" only (nothing the URL parser
// would encode, resolve or drop), no query or fragment.
const PLAIN_LINKEDIN_URL = /^https?:\/\/(?:[a-z]+\.)?linkedin\.com(?:\/[\w-]+)*\/*$/;

/** https://www.linkedin.com/in/x/?trk=… → https://www.linkedin.com/in/x (host lowercase, no query, no trailing slash). */
export function normaliseUrl(value: string | undefined): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  // A LinkedIn address as the export writes it is canonical already, short of a trailing slash;
  // the URL parser would give the same, at several times the cost, for each of thousands of rows.
  if (PLAIN_LINKEDIN_URL.test(text)) return text.replace(/\/+$/, '');
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

// The current export's layout ("12 Mar 2024"), read without date-fns: see parseDate.
const DAY_MONTH_YEAR = /^(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]\d{3})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Mar 2024" → 2024-03-12; null when the text is not in that layout or the day does not exist. */
function readDayMonthYear(text: string): string | null {
  const match = DAY_MONTH_YEAR.exec(text);
  if (match === null) return null;
  const [, day = '', monthName = '', year = ''] = match;
  const month = MONTHS.indexOf(monthName) + 1;
  // A day that does not exist (31 Feb, 0 Mar) rolls over into another month.
  if (new Date(Date.UTC(Number(year), month - 1, Number(day))).getUTCDate() !== Number(day)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A connection date in any known layout → YYYY-MM-DD, or null when unreadable. */
export function parseDate(value: string | undefined): string | null {
  const text = cleanText(value)?.replace(TIME_OF_DAY, '');
  if (!text) return null;
  let iso = known.get(text);
  if (iso === undefined) {
    // A file of the current export holds thousands of distinct days, each one a slow date-fns
    // parse: its layout is read directly. Only while that layout is the one tried first, so that
    // the order in which the others are tried (and so the reading of an ambiguous date) stays.
    iso = (lastLayout === 0 ? readDayMonthYear(text) : null) ?? readDate(text);
    if (known.size >= 10_000) known.clear();
    known.set(text, iso);
  }
  return iso;
}
