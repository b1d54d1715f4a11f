// A CSV with a header row: a rep's own spreadsheet, or a contacts export of a CRM or address book.
// A name (or first, middle and last name) and any of title, company, industry, size, location,
// LinkedIn URL, e-mail. Header names are matched without case, spaces or punctuation, in English
// or Dutch; where a file has several columns for one field, the name listed first wins. The
// delimiter is read from the header line, so a Dutch spreadsheet's ";"-separated save works too.
// The layouts of the exports it reads (their columns for the fields above):
//   HubSpot       First Name, Last Name, Email, Company Name, Job Title
//   Salesforce    First Name, Last Name, Title, Account Name, Email
//   Pipedrive     Name (or "Person - Name"), Organization, "Email - Work", "Job title"
//   Google        Name / First Name, Middle Name, Last Name, "E-mail 1 - Value", "Organization Name" or
//                 "Organization 1 - Name", "Organization Title" or "Organization 1 - Title"
//   Outlook       First Name, Middle Name, Last Name, Title (Mr, Ms: not the job), Company, Job Title,
//                 E-mail Address; in Dutch Voornaam, Middelste naam, Achternaam, Bedrijf, Functie, E-mailadres

import type { FormatSpec } from './columns.js';

export const plain: FormatSpec = {
  format: 'csv',
  columns: {
    name: ['name', 'full name', 'person - name', 'display name', 'naam', 'volledige naam', 'weergavenaam'],
    firstName: ['first name', 'firstname', 'given name', 'voornaam'],
    middleName: ['middle name', 'additional name', 'middelste naam', 'tweede voornaam', 'tussenvoegsel'],
    lastName: ['last name', 'lastname', 'surname', 'family name', 'achternaam'],
    // "title" last: in Outlook's export it is the form of address, beside "Job Title".
    title: ['job title', 'organization title', 'organization 1 - title', 'person - job title', 'position', 'role', 'functie', 'functietitel', 'organisatie 1 - titel', 'rol', 'title'],
    company: [
      'company',
      'company name',
      'account name',
      'organization',
      'organization name',
      'organization 1 - name',
      'person - organization',
      'organisation',
      'employer',
      'bedrijf',
      'bedrijfsnaam',
      'organisatie',
      'organisatienaam',
      'organisatie 1 - naam',
    ],
    industry: ['industry', 'sector', 'branche'],
    size: ['size', 'company size', 'employees', 'number of employees', 'headcount', 'grootte', 'bedrijfsgrootte', 'medewerkers'],
    location: ['location', 'region', 'country', 'city', 'mailing city', 'business city', 'locatie', 'regio', 'land', 'plaats'],
    linkedin: ['linkedin', 'url', 'linkedin url', 'linkedin profile', 'profile', 'profile url', 'profiel'],
    email: [
      'email',
      'e-mail',
      'email address',
      'e-mailadres',
      'e-mail 1 - value',
      'e-mail 1 - waarde',
      'email - work',
      'person - email - work',
      'work email',
      'email - home',
      'person - email',
      'e-mail 2 address',
    ],
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
