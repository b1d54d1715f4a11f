// The import's own reading of plain CSV records (src/importers/csv.ts) gives what csv-parse gives,
// for any text and however it is cut into chunks: the same records and the same errors.
import { parse as parseStream } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { finished } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecords, type SlowParser } from '../../src/importers/csv.js';

const options = (delimiter: string, maxRecord: number, errors: string[]) => ({
  delimiter,
  record_delimiter: '\n',
  relax_column_count: true,
  relax_quotes: true,
  max_record_size: maxRecord,
  skip_records_with_error: true,
  on_skip: (e: { code?: string } | undefined) => {
    errors.push(e?.code ?? 'error');
    return undefined;
  },
});

function reference(text: string, delimiter: string, maxRecord: number) {
  const errors: string[] = [];
  const records = parseSync(text, options(delimiter, maxRecord, errors)) as string[][];
  return { records, errors };
}

function ours(chunks: string[], delimiter: string, maxRecord: number) {
  const errors: string[] = [];
  let rest = '';
  let parsed: string[][] = [];
  let handed = false;
  const csv = new CsvRecords(delimiter, maxRecord, (): SlowParser => {
    handed = true;
    return {
      write: (t) => void (rest += t),
      end: () => void (parsed = parseSync(rest, options(delimiter, maxRecord, errors)) as string[][]),
      records: () => parsed.splice(0),
    };
  });
  const records: string[][] = [];
  for (const c of chunks) {
    csv.write(c);
    records.push(...csv.records());
  }
  csv.end();
  records.push(...csv.records());
  return { result: { records, errors }, handed };
}

/** Text cut at the given points (sorted, within the text). */
function cut(text: string, points: number[]): string[] {
  const at = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of at) {
    out.push(text.slice(prev, p));
    prev = p;
  }
  out.push(text.slice(prev));
  return out;
}

const csvish = (delimiter: string) =>
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '𝒜', '"', '"', '\n', '\n', delimiter, delimiter, ';', ','), maxLength: 120 });

describe('CsvRecords', () => {
  it('reads any text as csv-parse does, in one piece or in chunks, with a small record bound too', () => {
    const input = fc.constantFrom(',', ';', '\t').chain((d) => fc.tuple(fc.constant(d), csvish(d)));
    fc.assert(
      fc.property(input, fc.constantFrom(64 * 1024, 40), fc.array(fc.nat(200), { maxLength: 6 }), ([delimiter, text], maxRecord, points) => {
        const want = reference(text, delimiter, maxRecord);
        expect(ours([text], delimiter, maxRecord).result).toEqual(want);
        expect(ours(cut(text, points), delimiter, maxRecord).result).toEqual(want);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a plain export itself, and hands the rest to csv-parse from the first record that is not plain', () => {
    const plain = 'First Name,Last Name,Company\nAnna,de Vries,"Van Dijk, Transport"\nBram,"Peeters ""BP""",\n';
    expect(ours([plain], ',', 64 * 1024)).toEqual({ result: reference(plain, ',', 64 * 1024), handed: false });
    const odd = `${plain}Carla,Br"ink,Brink\nDirk,Kok,Kok\n`;
    const got = ours(cut(odd, [10, 50, 90]), ',', 64 * 1024);
    expect(got).toEqual({ result: reference(odd, ',', 64 * 1024), handed: true });
    expect(got.result.records.at(-2)).toEqual(['Carla', 'Br"ink', 'Brink']);
  });

  it('keeps the record bound: a quote never closed is csv-parse\'s to report, never held whole', () => {
    const open = `a,b\n"never closed,${'x'.repeat(200)}\n${'y,'.repeat(200)}\n`;
    expect(ours(cut(open, [3, 30, 300]), ',', 100).result).toEqual(reference(open, ',', 100));
    expect(reference(open, ',', 100).errors).toEqual(['CSV_MAX_RECORD_SIZE']);
  });

  it('works with the streaming csv-parse as the slow parser', async () => {
    const text = 'a,b\n"c""d",e\nf"g,h\n"i\nj",k\n';
    const errors: string[] = [];
    let stream: ReturnType<typeof parseStream> | undefined;
    const csv = new CsvRecords(',', 64 * 1024, () => {
      const p = parseStream(options(',', 64 * 1024, errors));
      stream = p;
      return {
        write: (t) => void p.write(t),
        end: () => void p.end(),
        *records() {
          for (let r = p.read() as string[] | null; r !== null; r = p.read() as string[] | null) yield r;
        },
      };
    });
    const records: string[][] = [];
    for (const c of cut(text, [5, 15, 22])) {
      csv.write(c);
      records.push(...csv.records());
    }
    csv.end();
    await finished(stream!, { readable: false });
    records.push(...csv.records());
    expect(records).toEqual(reference(text, ',', 64 * 1024).records);
  });
});
