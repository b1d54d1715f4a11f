// Control characters (C0, DEL, C1) become spaces; the invisible bidirectional marks that can make
// a name display differently from what it is (U+200E/F, U+202A–202E, U+2066–2069) are dropped.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// Printable ASCII words with single spaces between them: already clean. Nearly every cell of an
// import is, and this one test costs a fraction of the passes below.
const CLEAN_ASCII = /^(?:[!-~]+(?: [!-~]+)*)?$/;

/** A person's or company's name as stored: unsafe characters out, white space folded, NFC. */
export function cleanName(text: string): string {
  if (CLEAN_ASCII.test(text)) return text;
  return text.normalize('NFC').replace(BIDI, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

// Folded names, computed once per name: a sort compares each name many times.
const ASCII = /^[\x00-\x7f]*$/;
const collationKeys = new Map<string, string>();

function fold(name: string): string {
  const lower = name.toLowerCase();
  return ASCII.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}+/gu, '');
}

function collationKey(name: string): string {
  let key = collationKeys.get(name);
  if (key === undefined) {
    key = fold(name);
    collationKeys.set(name, key);
  }
  return key;
}

/**
 * Orders names alphabetically with case and accents aside ("Émile" next to "Emile"). Used
 * instead of localeCompare, whose first call loads ICU's collation data: about 5 ms of the
 * start-up of every command that sorts by name.
 */
export function compareNames(a: string, b: string): number {
  const x = collationKey(a);
  const y = collationKey(b);
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// Code units from U+D800 on: where UTF-16 order (JavaScript's <) and code point order (SQLite's
// BINARY, on UTF-8) part ways: a surrogate sorts below U+E000–U+FFFF in one, above in the other.
const HIGH_UNITS = /[\ud800-\uffff]/g;

/**
 * A text key whose order under SQLite's BINARY collation is compareNames' order, so that an
 * index can sort names as refer does: the folded name, then the name itself (NUL between; names
 * never hold control characters). Code units from U+D800 on are moved above the BMP, keeping
 * their order, so that SQLite's code point order matches JavaScript's code unit order.
 */
export function nameSortKey(name: string): string {
  // not remembered: each name is keyed once, as it is written (tens of thousands in an import)
  const key = `${fold(name)}\u0000${name}`;
  return key.replace(HIGH_UNITS, (unit) => String.fromCodePoint(0x10000 + unit.charCodeAt(0)));
}
