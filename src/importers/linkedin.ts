// LinkedIn's "Connections.csv" (Settings → Data privacy → Get a copy of your data). Known layouts:
// - current: a "Notes:" preamble, a blank line, then
//   First Name,Last Name,URL,Email Address,Company,Position,Connected On  (dates "12 Mar 2024");
// - the same without the preamble;
// - older: no URL column, dates "4/11/18, 9:32 AM";
// - spreadsheet re-saves: dates "9-Apr-24", columns moved or added.
// Columns are found by name, so order and extra columns do not matter; the preamble is skipped
// by the header search in index.ts. Dates are read by parseDate (normalise.ts).

import type { FormatSpec } from './columns.js';

export const linkedin: FormatSpec = {
  format: 'linkedin',
  columns: {
    firstName: ['First Name'],
    lastName: ['Last Name'],
    linkedin: ['URL', 'Profile URL'],
    email: ['Email Address', 'Email'],
    company: ['Company'],
    title: ['Position'],
    connectedOn: ['Connected On'],
  },
  // "Connected On" is what sets the export apart from a plain list with first and last names.
  recognises: (fields) => fields.has('firstName') && fields.has('lastName') && fields.has('connectedOn'),
};
