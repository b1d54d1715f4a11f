// Taking a person's name out of free text (notes, comments, script snapshots) when they ask to be
// forgotten: every occurrence, in any case and with any white space between the words, as a
// whole word, becomes a neutral placeholder.

export const REMOVED = '[removed]';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern matching any of `names` as whole words (a longer name wins over a shorter one it
 * contains); null when no name has a word in it.
 */
export function namePattern(names: readonly string[]): RegExp | null {
  const words = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.split(/\s+/).map(escape).join('\\s+'));
  if (words.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${words.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

export function scrubText(text: string, pattern: RegExp): string {
  return text.replace(pattern, REMOVED);
}

/** The same for a JSON document: every string in it (keys included), and it stays valid JSON. */
export function scrubJson(json: string, pattern: RegExp): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return scrubText(json, pattern);
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v, pattern);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrubText(k, pattern), walk(x)]));
    return v;
  };
  const scrubbed = JSON.stringify(walk(value));
  // Leave text that had nothing to remove exactly as it was stored.
  return scrubbed === JSON.stringify(value) ? json : scrubbed;
}
