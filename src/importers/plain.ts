// A plain CSV with a header row, as a rep keeps it in a spreadsheet: a name (or first and last
// name) and any of title, company, industry, size, location, LinkedIn URL, e-mail. Header names
// are matched without case or spaces, in English or Dutch. The delimiter is read from the header
// line, so a Dutch spreadsheet's ";"-separated save works as well as ",".

import type { FormatSpec } from './columns.js';

export const plain: FormatSpec = {
  format: 'csv',
  columns: {
    name: ['name', 'full name', 'naam', 'volledige naam'],
    firstName: ['first name', 'firstname', 'given name', 'voornaam'],
    lastName: ['last name', 'lastname', 'surname', 'family name', 'achternaam'],
    title: ['title', 'job title', 'position', 'role', 'functie', 'rol'],
    company: ['company', 'company name', 'organisation', 'organization', 'employer', 'bedrijf', 'organisatie'],
    industry: ['industry', 'sector', 'branche'],
    size: ['size', 'company size', 'employees', 'headcount', 'grootte', 'bedrijfsgrootte', 'medewerkers'],
    location: ['location', 'region', 'country', 'city', 'locatie', 'regio', 'land', 'plaats'],
    linkedin: ['linkedin', 'url', 'linkedin url', 'profile', 'profile url', 'profiel'],
    email: ['email', 'e-mail', 'email address', 'e-mailadres'],
    connectedOn: ['connected on', 'connected'],
  },
  recognises: (fields) => fields.has('name') || fields.has('firstName') || fields.has('lastName'),
};

const DELIMITERS = [',', ';', '\t'];

/**
 * The delimiter that occurs most often outside quotes on a header line; "," when none does.
 * index.ts applies it to every candidate header line, so a ";"-separated LinkedIn re-save reads too.
 */
export function detectDelimiter(line: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && DELIMITERS.includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}
