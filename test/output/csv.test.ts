import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { safeCell, toCsv } from '../../src/output/csv.js';

describe('safeCell', () => {
  it('defuses every cell a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+31 6 1234', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '\n=cmd']) {
      expect(safeCell(text), JSON.stringify(text)).toBe(`'${text}`);
    }
  });

  it('leaves plain text and numbers as they are, and empties null', () => {
    expect(safeCell('Sanne Visser')).toBe('Sanne Visser');
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBe('');
    expect(safeCell(undefined)).toBe('');
    expect(safeCell(['a', 'b'])).toBe('["a","b"]');
  });
});

describe('toCsv', () => {
  it('writes RFC 4180: CRLF records, quotes doubled, fields with commas, quotes or line breaks quoted', () => {
    const csv = toCsv([['Vandermeer, Bosch & Partners', 'said "yes"', 'two\nlines', 5]], ['company', 'note', 'agenda', 'n']);
    expect(csv).toBe('company,note,agenda,n\r\n"Vandermeer, Bosch & Partners","said ""yes""","two\nlines",5\r\n');
    expect(parse(csv, { columns: true })).toEqual([{ company: 'Vandermeer, Bosch & Partners', note: 'said "yes"', agenda: 'two\nlines', n: '5' }]);
  });

  it('defuses formulas in the header and in every row', () => {
    const rows = parse(toCsv([['=HYPERLINK("http://x")', 'ok']], ['@name', 'b']));
    expect(rows).toEqual([["'@name", 'b'], ['\'=HYPERLINK("http://x")', 'ok']]);
  });
});
