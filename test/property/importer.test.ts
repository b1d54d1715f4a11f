// Hostile input to the connections importer: any bytes give rows or a clear refusal, and hostile
// files (binary junk, a 50 MB single line, a million empty rows, names with control characters
// and right-to-left marks) go through `refer connection import` with a clear answer, in bounded
// time and memory, storing names cleaned.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConnectionsFile } from '../../src/importers/index.js';
import { type Sandbox, sandbox } from '../support/run.js';
import { anyText, resultOrUserError } from './support.js';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** CSV-shaped text: a known header, then records of tricky cells, quotes, separators and line ends. */
const csvLike = fc
  .tuple(
    fc.constantFrom('\ufeff', ''),
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.subarray(['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On', 'name', 'title', 'size'], { minLength: 1 }),
    fc.array(fc.array(fc.oneof(anyText, fc.constantFrom('"', '""', '"a,b"', '=cmd', '51-200', '12 Mar 2024', 'https://www.linkedin.com/in/x', '\u202eevil')), { maxLength: 12 }), { maxLength: 20 }),
  )
  .map(([bom, sep, eol, header, rows]) => bom + [header.join(sep), ...rows.map((r) => r.join(sep))].join(eol));

describe('parseConnectionsFile on arbitrary input', () => {
  it('gives clean rows or a clear refusal for any text or bytes', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, csvLike, fc.uint8Array({ maxLength: 2000 }), csvLike.map((t) => new TextEncoder().encode(t))), (content) => {
        const result = resultOrUserError(() => parseConnectionsFile(content, { fileName: 'input.csv' }));
        if (result === undefined) return;
        expect(['linkedin', 'csv']).toContain(result.format);
        let last = 0;
        for (const row of result.rows) {
          expect(row.name.trim()).not.toBe('');
          expect(row.name).not.toMatch(UNSAFE);
          expect(row.line).toBeGreaterThan(last);
          last = row.line;
        }
        for (const e of result.errors) expect(e.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('refer connection import with hostile files', () => {
  let s: Sandbox;
  beforeEach(async () => {
    s = sandbox();
    expect((await s.run(['relation', 'add', 'Sanne Visser'])).code).toBe(0);
  });
  afterEach(() => s.cleanup());

  /** Imports `content`, timing it; the peak memory of this process must stay sane afterwards. */
  async function importFile(content: string | Uint8Array) {
    const file = join(s.dir, 'hostile.csv');
    writeFileSync(file, content);
    const started = performance.now();
    const r = await s.run(['connection', 'import', 'Sanne Visser', file, '--json']);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(20);
    expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(2048); // MB
    return r;
  }

  it('refuses binary junk with one clear line, changing nothing', async () => {
    const before = readFileSync(s.db);
    const r = await importFile(randomBytes(1 << 20));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*hostile\.csv has no recognisable header/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(s.db).equals(before)).toBe(true);
  });

  it('refuses a 50 MB single line without a header', async () => {
    const r = await importFile('x'.repeat(50 * 1024 * 1024));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no recognisable header/);
  }, 60_000);

  it('reads a million empty rows as nothing to import', async () => {
    const r = await importFile('name,company\n' + ',\n'.repeat(1_000_000));
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ imported: 0, updated: 0, skipped: 0, errors: [] });
  }, 60_000);

  it('stores names with control characters and right-to-left marks cleaned', async () => {
    const rows = [
      'name,company,title',
      '"Pie\u0000ter\tde\u0007 Groot",De Groot\u202e Logistiek,COO',
      '"\u200fIlse\u2066 Vermeulen\u2069\u200e",Vermeulen BV,"Head of\r\nPlanning"',
      '"  Femke \u00a0 Smit\u0085 ",Smit\u0000,CEO',
    ].join('\n');
    const r = await importFile(rows);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ imported: 3 });
    const list = (await s.run(['connection', 'list', 'Sanne Visser', '--json'])).json() as Array<{ name: string; company: string; title: string }>;
    expect(list.map((c) => [c.name, c.company, c.title]).sort()).toEqual([
      ['Femke Smit', 'Smit', 'CEO'],
      ['Ilse Vermeulen', 'Vermeulen BV', 'Head of Planning'],
      ['Pie ter de Groot', 'De Groot Logistiek', 'COO'],
    ]);
  });
});
