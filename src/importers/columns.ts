// What every input format maps onto: the fields of an imported connection, how a format names
// its columns, and the one function that turns a record into a row.

import type { Connection } from '../core/model.js';
import { cleanText, normaliseEmail, normaliseUrl, parseDate, parseSize } from './normalise.js';

export type ImportFormat = 'linkedin' | 'csv';

/** A connection as read from a file; connectedOn is YYYY-MM-DD. */
export interface ImportRow
  extends Pick<Connection, 'name' | 'title' | 'company' | 'industry' | 'size' | 'location' | 'linkedin' | 'email' | 'connectedOn'> {
  /** line of the file where the record starts (1-based, the header and any preamble included) */
  line: number;
}

/** What a column can hold: a field of the row, or half of the name. */
export type ImportField = Exclude<keyof ImportRow, 'line'> | 'firstName' | 'middleName' | 'lastName';

/** Column positions of the fields a header holds. */
export type ColumnMap = ReadonlyMap<ImportField, number>;

export interface FormatSpec {
  format: ImportFormat;
  /** the header names each field goes by, compared with headerKey() */
  columns: Readonly<Partial<Record<ImportField, readonly string[]>>>;
  /** whether a header holding these fields is this format */
  recognises(fields: ColumnMap): boolean;
}

/** "E-mail Address " → "emailaddress": header names compare without case, spaces or punctuation. */
export function headerKey(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The fields of a header row, by column position. When several columns name the same field, the
 * name listed first in the spec wins (Outlook's "Job Title" over its "Title", which is Mr or Ms),
 * and among equal names the first column.
 */
export function mapColumns(header: readonly string[], spec: FormatSpec): Map<ImportField, number> {
  const byKey = new Map<string, { field: ImportField; rank: number }>();
  for (const [field, names] of Object.entries(spec.columns) as Array<[ImportField, readonly string[]]>) {
    names.forEach((name, rank) => {
      const key = headerKey(name);
      if (!byKey.has(key)) byKey.set(key, { field, rank });
    });
  }
  const columns = new Map<ImportField, number>();
  const ranks = new Map<ImportField, number>();
  header.forEach((name, index) => {
    const found = byKey.get(headerKey(name));
    if (found === undefined) return;
    const best = ranks.get(found.field);
    if (best === undefined || found.rank < best) {
      columns.set(found.field, index);
      ranks.set(found.field, found.rank);
    }
  });
  return columns;
}

/**
 * One record as a row; 'nameless' for someone without a name (a member who left LinkedIn),
 * 'blank' for a record with nothing in it (trailing separators of a spreadsheet).
 */
export function toRow(cells: readonly string[], line: number, columns: ColumnMap): ImportRow | 'nameless' | 'blank' {
  const cell = (field: ImportField) => {
    const index = columns.get(field);
    return index === undefined ? undefined : cells[index];
  };
  const name =
    cleanText(cell('name')) ??
    cleanText(
      // Only the parts a record fills: a clean "First Last" keeps the fast path of cleanText.
      [cell('firstName'), cell('middleName'), cell('lastName')].filter((part) => part !== undefined && part !== '').join(' '),
    );
  if (name === null) return cells.every((value) => cleanText(value) === null) ? 'blank' : 'nameless';
  return {
    line,
    name,
    title: cleanText(cell('title')),
    company: cleanText(cell('company')),
    industry: cleanText(cell('industry')),
    size: parseSize(cell('size')),
    location: cleanText(cell('location')),
    linkedin: normaliseUrl(cell('linkedin')),
    email: normaliseEmail(cell('email')),
    connectedOn: parseDate(cell('connectedOn')),
  };
}
