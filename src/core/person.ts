// "The same person" in two lists (two reps' databases, an import and the relations already kept):
// the same LinkedIn URL, else the same e-mail address, else the same name and company, with case,
// accents and spacing aside. Declared once; the team's matching and the relation import use it.

export interface PersonFacts {
  name: string;
  company?: string | null;
  linkedin?: string | null;
  email?: string | null;
}

/** Text with case, accents and runs of white space aside: "Émile  de Vries" → "emile de vries". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A LinkedIn URL compared as an address: scheme, `www.`, case and a trailing slash aside. */
export function linkedinKey(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null;
  const key = url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^(?:www\.|[a-z]{2}\.)(?=linkedin\.com)/, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  return key === '' ? null : key;
}

export function emailKey(email: string | null | undefined): string | null {
  const key = email?.trim().toLowerCase() ?? '';
  return key === '' ? null : key;
}

/** Name and company as one key; the company may be unknown on both sides, not on one. */
export function nameCompanyKey(person: Pick<PersonFacts, 'name' | 'company'>): string {
  return `${foldText(person.name)}\u0000${foldText(person.company ?? '')}`;
}

/**
 * Whether two records name the same person. A LinkedIn URL on both sides decides alone; so does
 * an e-mail address on both sides when either has no URL; otherwise name and company decide.
 */
export function samePerson(a: PersonFacts, b: PersonFacts): boolean {
  const urlA = linkedinKey(a.linkedin);
  const urlB = linkedinKey(b.linkedin);
  if (urlA !== null && urlB !== null) return urlA === urlB;
  const mailA = emailKey(a.email);
  const mailB = emailKey(b.email);
  if (mailA !== null && mailB !== null) return mailA === mailB;
  return nameCompanyKey(a) === nameCompanyKey(b);
}
