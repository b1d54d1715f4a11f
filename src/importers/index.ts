// Reads a file of connections in any supported format: finds the header row by its names (after a
// preamble, if any), picks the format and delimiter from it, and turns each record into a row.
// Two entry points share that logic: parseConnectionsFile for content already in memory, and
// readConnections, which streams a file of any length in batches.

import { finished } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { parse as parseStream } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { CsvError, Options as CsvOptions } from 'csv-parse';
import { FailureError } from '../errors.js';
import { mapColumns, toRow } from './columns.js';
import { CsvRecords, type SlowParser } from './csv.js';
import type { ColumnMap, FormatSpec, ImportFormat, ImportRow } from './columns.js';
import { linkedin } from './linkedin.js';
import { detectDelimiter, plain } from './plain.js';
import { looksLikeVcard, parseVcards } from './vcard.js';

export type { ImportRow } from './columns.js';

/** What a file turned out to be: one of the CSV layouts, or vCards. */
export type FileFormat = ImportFormat | 'vcard';

export interface ImportError {
  line: number;
  reason: string;
}

export interface ParseResult {
  format: FileFormat;
  rows: ImportRow[];
  /** records without a name (members who left LinkedIn) */
  skipped: number;
  errors: ImportError[];
}

/** A slice of a streamed file: what was read since the previous batch (add the counts up). */
export type ImportBatch = ParseResult;

export interface ParseOptions {
  /** how the error messages name the input, e.g. the path the user typed */
  fileName?: string;
}

export interface ReadOptions extends ParseOptions {
  /** rows per batch (default 1000) */
  batchSize?: number;
}

// LinkedIn first: a LinkedIn header would also pass as a plain one (it has first and last name).
const FORMATS: readonly FormatSpec[] = [linkedin, plain];
// The header must be among the first lines; a preamble is a few lines, and a bound keeps a
// binary or huge one-line file from being searched (or, when streamed, held) in full.
const HEADER_MAX_LINES = 50;
const HEAD_MAX_CHARS = 64 * 1024;

interface Header {
  spec: FormatSpec;
  columns: ColumnMap;
  delimiter: string;
  /** where the header line starts in the text, and its line number */
  offset: number;
  line: number;
}

// A file that is there but is not a list of people: a failure (exit 1), as an unreadable one; a
// missing file stays a usage error (exit 2).
function noHeader(fileName = 'input'): FailureError {
  return new FailureError(
    `${fileName} has no recognisable header: expected LinkedIn's Connections.csv (First Name, Last Name, …), a CSV with a name column, or a vCard file`,
  );
}

/** A vCard file read in full (address books are small), as one batch. */
function vcardResult(text: string): ParseResult {
  return { format: 'vcard', ...parseVcards(text) };
}

/** The longest record (in characters) read as a contact. */
const MAX_RECORD_BYTES = 64 * 1024;

function csvOptions(delimiter: string) {
  return {
    delimiter,
    // Line ends are made "\n" before parsing (see unixLines).
    record_delimiter: '\n',
    relax_column_count: true,
    relax_quotes: true,
    // No real contact row comes near this; a longer one is junk and must not become a name.
    max_record_size: MAX_RECORD_BYTES,
    // With the options above, the errors left are a quote that is never closed and an oversized
    // record; they end up in ParseResult.errors instead of aborting the import.
    skip_records_with_error: true,
  } satisfies CsvOptions;
}

function headerCells(line: string, delimiter: string): string[] {
  try {
    return parseSync(line, { ...csvOptions(delimiter), skip_records_with_error: false })[0] ?? [];
  } catch {
    return [];
  }
}

/** The first line among the first HEADER_MAX_LINES of text that one of the formats recognises. */
function findHeader(text: string): Header | null {
  let offset = 0;
  for (let line = 1; line <= HEADER_MAX_LINES && offset < text.length; line++) {
    const end = text.indexOf('\n', offset);
    const content = text.slice(offset, end === -1 ? text.length : end);
    if (content.trim() !== '') {
      const delimiter = detectDelimiter(content);
      const cells = headerCells(content, delimiter);
      for (const spec of FORMATS) {
        const columns = mapColumns(cells, spec);
        if (spec.recognises(columns)) return { spec, columns, delimiter, offset, line };
      }
    }
    if (end === -1) break;
    offset = end + 1;
  }
  return null;
}

/** Lines a record spans: its own, and one more for each line end inside its quoted cells. */
function linesOf(cells: readonly string[]): number {
  let lines = 1;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) lines++;
  return lines;
}

/**
 * Follows the parser through the file: the line each record starts on, and what became of it.
 * Lines are counted from the records themselves rather than taken from csv-parse's on_record,
 * whose context object for every record cost a tenth of an import. That count is exact because
 * line ends are "\n" only (see unixLines), cells are not trimmed, and nothing is read after the
 * first unreadable record.
 */
class Collector {
  private rows: ImportRow[] = [];
  private skipped = 0;
  private errors: ImportError[] = [];
  /** the file line on which the next record starts; the first record is the header */
  private line: number;
  private seenHeader = false;
  /** the error of the record that csv-parse could not read, once it has met one */
  private unreadable: { error: CsvError | undefined } | null = null;
  private failed = false;

  constructor(private readonly header: Header) {
    this.line = header.line;
  }

  /** Options for csv-parse that leave unreadable records to this collector. */
  csvOptions(): CsvOptions {
    return {
      ...csvOptions(this.header.delimiter),
      on_skip: (error) => {
        this.unreadable ??= { error };
        return undefined;
      },
    };
  }

  get size(): number {
    return this.rows.length;
  }

  /** Whether an unreadable record was met: csv-parse reads nothing sound after one. */
  get stopped(): boolean {
    return this.failed;
  }

  /**
   * Takes the records csv-parse read, in order, then the unreadable record that stopped it (if
   * any), which comes after all of them: csv-parse stops at such a record, or meets it at the end.
   */
  read(records: Iterable<string[]>): void {
    if (this.stopped) return;
    for (const cells of records) {
      const line = this.line;
      this.line += linesOf(cells);
      if (!this.seenHeader) this.seenHeader = true;
      else this.add(cells, line);
    }
    if (this.unreadable !== null) this.fail(this.unreadable.error);
  }

  private add(cells: string[], line: number): void {
    const row = toRow(cells, line, this.header.columns);
    if (row === 'nameless') this.skipped++;
    else if (row !== 'blank') this.rows.push(row);
  }

  private fail(error: CsvError | undefined): void {
    this.failed = true;
    this.errors.push({
      line: this.line,
      reason:
        error?.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quote opened on this line is never closed; the rest of the file was not read'
          : error?.code === 'CSV_MAX_RECORD_SIZE'
            ? `a record is longer than ${MAX_RECORD_BYTES / 1024} KiB; it and the rest of the file were not read`
            : `unreadable record (${error?.code ?? 'CSV error'})`,
    });
  }

  /** What was collected since the last take: its first `max` rows, and the counts and errors so far. */
  take(max = Infinity): ParseResult {
    const rows = this.rows.length > max ? this.rows.splice(0, max) : this.rows.splice(0);
    const batch = { format: this.header.spec.format, rows, skipped: this.skipped, errors: this.errors };
    this.skipped = 0;
    this.errors = [];
    return batch;
  }
}

function decoderFor(head: Uint8Array): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return new TextDecoder('utf-8');
  } catch {
    // Excel's plain "CSV" save on Windows writes the ANSI code page, not UTF-8.
    return new TextDecoder('windows-1252');
  }
}

/**
 * CRLF and CR made LF. Spreadsheets mix line ends, and csv-parse counts a CRLF inside a quoted
 * field as two lines, which would put the reported line numbers off.
 */
function unixLines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Text without a leading byte order mark (TextDecoder already drops it from bytes). */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses a whole file held in memory. Throws FailureError when no header is recognised
 * (binary junk and other non-CSV content included).
 */
export function parseConnectionsFile(content: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const text = unixLines(typeof content === 'string' ? withoutBom(content) : decoderFor(content).decode(content));
  if (looksLikeVcard(text)) return vcardResult(text);
  const header = findHeader(text);
  if (header === null) throw noHeader(options.fileName);
  const collector = new Collector(header);
  // plain records read directly, the rest (if any) by csv-parse: see csv.ts
  let rest = '';
  let parsed: string[][] = [];
  const csv = new CsvRecords(header.delimiter, MAX_RECORD_BYTES, () => ({
    write: (t) => void (rest += t),
    end: () => void (parsed = parseSync(rest, collector.csvOptions()) as string[][]),
    records: () => parsed.splice(0),
  }));
  csv.write(text.slice(header.offset));
  csv.end();
  collector.read(csv.records());
  return collector.take();
}

/**
 * Streams a file (e.g. fs.createReadStream(path), or any async iterable of chunks) and yields its
 * rows in batches, holding only the rows of the chunk being read and the first 64 KiB of the file
 * in memory.
 * Always yields at least one batch, so the format is known even for a file with no rows.
 * Throws FailureError on the first iteration when no header is recognised.
 */
export async function* readConnections(
  source: AsyncIterable<string | Uint8Array>,
  options: ReadOptions = {},
): AsyncGenerator<ImportBatch, void, undefined> {
  const batchSize = options.batchSize ?? 1000;
  const chunks = source[Symbol.asyncIterator]();
  // Read the head of the file: enough to choose the encoding and find the header.
  const head: Array<string | Uint8Array> = [];
  let headLength = 0;
  let ended = false;
  while (headLength < HEAD_MAX_CHARS) {
    const next = await chunks.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const decoder = decoderFor(Buffer.concat(head.filter((chunk) => typeof chunk !== 'string')));
  // A CR at the end of a chunk waits for the next one, which may start with the LF of a CRLF.
  let pendingCr = '';
  const decode = (chunk: string | Uint8Array) => {
    const text = pendingCr + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    pendingCr = text.endsWith('\r') ? '\r' : '';
    return unixLines(pendingCr === '' ? text : text.slice(0, -1));
  };
  const headText = withoutBom(head.map(decode).join(''));
  if (looksLikeVcard(headText)) {
    const rest: string[] = [headText];
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) rest.push(decode(next.value));
    rest.push(unixLines(pendingCr + decoder.decode()));
    yield vcardResult(rest.join(''));
    return;
  }
  // Unless the file ended, the last line of the head may be cut short: leave it out of the search.
  const header = findHeader(ended ? headText : headText.slice(0, headText.lastIndexOf('\n') + 1));
  if (header === null) {
    await chunks.return?.();
    throw noHeader(options.fileName);
  }

  const collector = new Collector(header);
  // Plain records are read directly (csv.ts); from the first other one on, csv-parse reads the rest.
  // That parser is fed and read by hand rather than piped: its Transform parses a whole chunk
  // within write(), and its records are then at hand to read(), while waiting on the stream for
  // each record took longer than the parsing itself.
  let parser: ReturnType<typeof parseStream> | undefined;
  const csv = new CsvRecords(header.delimiter, MAX_RECORD_BYTES, (): SlowParser => {
    const p = parseStream(collector.csvOptions());
    parser = p;
    // An error destroys the parser on the spot (p.errored); the event itself comes later.
    p.on('error', () => {});
    return {
      write: (text) => void p.write(text),
      end: () => void p.end(),
      *records() {
        if (p.errored) throw p.errored;
        for (let record = p.read() as string[] | null; record !== null; record = p.read() as string[] | null) yield record;
      },
    };
  });
  const feed = (text: string) => {
    if (text !== '') csv.write(text);
    collector.read(csv.records());
  };
  try {
    feed(headText.slice(header.offset));
    while (!collector.stopped) {
      const next = await chunks.next();
      if (next.done === true) {
        feed(unixLines(pendingCr + decoder.decode()));
        csv.end();
        // The record after the last line end is read when csv-parse flushes.
        if (parser) await finished(parser, { readable: false });
        collector.read(csv.records());
        break;
      }
      feed(decode(next.value));
      while (collector.size >= batchSize) yield collector.take(batchSize);
    }
  } finally {
    parser?.destroy();
    await chunks.return?.();
  }
  while (collector.size > batchSize) yield collector.take(batchSize);
  yield collector.take(batchSize);
}
