// Control characters (C0, DEL, C1) become spaces; the invisible bidirectional marks that can make
// a name display differently from what it is (U+200E/F, U+202A–202E, U+2066–2069) are dropped.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A person's or company's name as stored: unsafe characters out, white space folded, NFC. */
export function cleanName(text: string): string {
  return text.normalize('NFC').replace(BIDI, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}
