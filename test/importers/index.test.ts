import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FailureError, UsageError } from '../../src/errors.js';
import { parseConnectionsFile, readConnections } from '../../src/importers/index.js';
import type { ImportBatch } from '../../src/importers/index.js';
import { fixture, row } from './fixtures.js';

const NO_HEADER =
  "contacts.txt has no recognisable header: expected LinkedIn's Connections.csv (First Name, Last Name, …), a CSV with a name column, or a vCard file";

/** Deterministic bytes that are no text at all (a PNG signature, then noise). */
function junk(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let seed = 42;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = seed >> 16;
  }
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

async function readAll(chunks: Iterable<string | Uint8Array>, batchSize?: number): Promise<ImportBatch[]> {
  const batches: ImportBatch[] = [];
  for await (const batch of readConnections(Readable.from(chunks, { objectMode: true }), { fileName: 'contacts.txt', batchSize })) {
    batches.push(batch);
  }
  return batches;
}

function inPieces(bytes: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return pieces;
}

describe('parseConnectionsFile', () => {
  it.each([
    ['text without a header', 'Hello,\nthis is a letter, not a list of people.\n'],
    ['an empty file', ''],
    ['a header without a name column', 'title,company\nCFO,Acme\n'],
    ['binary junk', junk(4096)],
    ['NUL bytes', Buffer.alloc(100)],
  ])('refuses %s with a usage error that names the file', (_, content) => {
    expect(() => parseConnectionsFile(content, { fileName: 'contacts.txt' })).toThrow(new FailureError(NO_HEADER));
  });

  it('does not search past the first 50 lines for the header', () => {
    const file = `${'x\n'.repeat(50)}name\nAda Lee\n`;
    expect(() => parseConnectionsFile(file, { fileName: 'contacts.txt' })).toThrow(FailureError);
    expect(parseConnectionsFile(`${'x\n'.repeat(49)}name\nAda Lee\n`).rows).toEqual([row(51, 'Ada Lee')]);
  });

  it('accepts a header without rows', () => {
    expect(parseConnectionsFile('First Name,Last Name,URL,Email Address,Company,Position,Connected On\n')).toEqual({
      format: 'linkedin',
      rows: [],
      skipped: 0,
      errors: [],
    });
  });

  it('keeps the rows before a quote that is never closed and reports its line', () => {
    const file = 'name,company\nAda Lee,Lee BV\n"Bo Smit,Smit BV\nCas Kok,Kok BV\n';
    expect(parseConnectionsFile(file)).toEqual({
      format: 'csv',
      rows: [row(2, 'Ada Lee', { company: 'Lee BV' })],
      skipped: 0,
      errors: [{ line: 3, reason: 'a quote opened on this line is never closed; the rest of the file was not read' }],
    });
  });

  it('reads a ";"-separated LinkedIn export', () => {
    const file = 'First Name;Last Name;Company;Position;Connected On\nAda;Lee;Lee, Kok & Co;CFO;12 Mar 2024\n';
    expect(parseConnectionsFile(file)).toMatchObject({
      format: 'linkedin',
      rows: [row(2, 'Ada Lee', { company: 'Lee, Kok & Co', title: 'CFO', connectedOn: '2024-03-12' })],
    });
  });

  it('reads Windows-1252 (Excel "CSV") and UTF-16 ("Unicode text") saves', () => {
    const latin = Buffer.from('name,company\nRené Müller,Café Noël\n', 'latin1');
    expect(parseConnectionsFile(latin).rows).toEqual([row(2, 'René Müller', { company: 'Café Noël' })]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\tcompany\r\nZoë Ağa\t李 Trading\r\n', 'utf16le')]);
    expect(parseConnectionsFile(utf16).rows).toEqual([row(2, 'Zoë Ağa', { company: '李 Trading' })]);
  });

  it('gives either a result or a usage error for any input, never another exception', () => {
    const csvish = fc.string({ unit: fc.constantFrom('"', ',', ';', '\t', '\n', '\r', ' ', 'a', 'é', '\u0000', '\u202e', '1', '-') });
    const input = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.uint8Array().map((bytes) => Buffer.from(bytes)),
      fc.tuple(fc.constantFrom('First Name,Last Name,URL,Company,Position,Connected On', 'name;size;linkedin', 'Notes:\n\nname'), csvish).map(
        ([header, rest]) => `${header}\n${rest}`,
      ),
    );
    fc.assert(
      fc.property(input, (content) => {
        try {
          const result = parseConnectionsFile(content);
          return result.rows.every((r) => r.name.trim() === r.name && r.name !== '' && Number.isInteger(r.line));
        } catch (error) {
          return error instanceof UsageError || error instanceof FailureError;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readConnections', () => {
  it.each(['linkedin/current-with-notes.csv', 'linkedin/resaved.csv', 'plain/contacts-semicolon.csv'])(
    'streams %s in batches with the same rows as a whole-file parse, even in 3-byte pieces',
    async (path) => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture(path)]);
      const whole = parseConnectionsFile(bytes);
      const batches = await readAll(inPieces(bytes, 3), 2);
      expect(batches.every((b) => b.rows.length <= 2 && b.format === whole.format)).toBe(true);
      expect(batches.flatMap((b) => b.rows)).toEqual(whole.rows);
      expect(batches.reduce((n, b) => n + b.skipped, 0)).toBe(whole.skipped);
    },
  );

  it('reads CRLF split between two chunks as one line end', async () => {
    const batches = await readAll(['name,company\r', '\nAda Lee,Lee BV\r', '\n\r', '\nBo Smit,Smit BV\r']);
    expect(batches.flatMap((b) => b.rows)).toEqual([row(2, 'Ada Lee', { company: 'Lee BV' }), row(4, 'Bo Smit', { company: 'Smit BV' })]);
  });

  it('yields one empty batch for a header without rows, and reports an unclosed quote', async () => {
    expect(await readAll(['name\n'])).toEqual([{ format: 'csv', rows: [], skipped: 0, errors: [] }]);
    const batches = await readAll(['name\nAda\n"Bo\n']);
    expect(batches.flatMap((b) => b.errors)).toEqual([
      { line: 3, reason: 'a quote opened on this line is never closed; the rest of the file was not read' },
    ]);
  });

  it('reports the line each record starts on, across line breaks in quoted cells, blank lines and a preamble', async () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'B', 'é', ' ', '-'), minLength: 1, maxLength: 6 }).filter((w) => w.trim() !== '');
    const cell = fc.string({ unit: fc.constantFrom('x', ' ', ',', '"', '\n', '\r\n', '\r'), maxLength: 8 });
    const record = fc.oneof(fc.tuple(word, cell, cell), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(fc.nat(3), fc.array(record, { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), async (preamble, records, piece) => {
        const lines = ['Notes:', ...Array<string>(preamble).fill('"x"'), ''];
        const expected: number[] = [];
        let line = lines.length + 2; // the header is the line after these
        const body = records.map((r) => {
          const text = r === null ? '' : stringify([r], { quoted: true, record_delimiter: '\n' }).slice(0, -1);
          if (r !== null) expected.push(line);
          line += text.split(/\r\n|\r|\n/).length;
          return text;
        });
        const file = Buffer.from([...lines, 'name,company,title', ...body].join('\n'));
        const whole = parseConnectionsFile(file);
        expect(whole.rows.map((r) => r.line)).toEqual(expected);
        expect(whole.errors).toEqual([]);
        expect((await readAll(inPieces(file, piece), 5)).flatMap((b) => b.rows)).toEqual(whole.rows);
      }),
      { numRuns: 300 },
    );
  });

  it('reports a record over 64 KiB once, and reads nothing after it', async () => {
    const file = Buffer.from(`name,company\nAda Lee,Lee BV\nBo Smit,Smit BV\n"Cas Kok","${'x'.repeat(200 * 1024)}"\nDe Vos,Vos BV\n`);
    const expected = {
      rows: [row(2, 'Ada Lee', { company: 'Lee BV' }), row(3, 'Bo Smit', { company: 'Smit BV' })],
      errors: [{ line: 4, reason: 'a record is longer than 64 KiB; it and the rest of the file were not read' }],
    };
    expect(parseConnectionsFile(file)).toMatchObject(expected);
    const batches = await readAll(inPieces(file, 16 * 1024), 2);
    expect({ rows: batches.flatMap((b) => b.rows), errors: batches.flatMap((b) => b.errors) }).toEqual(expected);
  });

  it('refuses binary junk without reading all of it', async () => {
    let read = 0;
    async function* endless() {
      for (;;) {
        read++;
        yield junk(4096);
      }
    }
    await expect(readConnections(endless(), { fileName: 'contacts.txt' }).next()).rejects.toThrow(new FailureError(NO_HEADER));
    expect(read).toBeLessThanOrEqual(17); // 64 KiB
  });
});
