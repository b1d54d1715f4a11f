// CSV records for the import, read fast where the text is plain and by csv-parse where it is not.
//
// Nearly every record of an export is plain: cells without quotes, or quoted whole with doubled
// quotes inside, on one line or a few. Those are read here, a line at a time, at a fraction of
// csv-parse's cost (it was a third of a 30,000-row import). The first record that is anything
// else (a quote inside a cell, text after a closing quote, a quote never closed, a record near the
// size bound) hands the rest of the input, from that record's first character on, to csv-parse:
// from a record boundary on it reads exactly as it would have from the start, so the records,
// errors and the record-size bound are csv-parse's own. test/importers/csv.test.ts checks that the
// records are the same as csv-parse's for any input, however it is cut into chunks.

/** The parser the rest goes to, once a record is not plain (csv-parse, set up by the caller). */
export interface SlowParser {
  write(text: string): void;
  end(): void;
  /** the records it has parsed since the last call */
  records(): Iterable<string[]>;
}

export class CsvRecords {
  /** text not yet read into records: the start of a record that may go on in the next chunk */
  private pending = '';
  private slow: SlowParser | null = null;
  private out: string[][] = [];
  /** a plain record longer than this (in UTF-16 units) is left to csv-parse and its size bound */
  private readonly plainMax: number;

  constructor(
    private readonly delimiter: string,
    maxRecordBytes: number,
    private readonly makeSlow: () => SlowParser,
  ) {
    // a UTF-16 unit is at most 3 bytes of UTF-8: below a third, no record can reach the bound
    this.plainMax = Math.floor(maxRecordBytes / 3) - 1;
  }

  /** Whether the rest goes to csv-parse. */
  get handedOver(): boolean {
    return this.slow !== null;
  }

  write(text: string): void {
    if (this.slow) return this.slow.write(text);
    this.pending = this.pending === '' ? text : this.pending + text;
    this.scan(false);
  }

  end(): void {
    if (!this.slow) this.scan(true);
    this.slow?.end();
  }

  /** The records read since the last call, in order. */
  *records(): Generator<string[]> {
    const out = this.out;
    this.out = [];
    yield* out;
    if (this.slow) yield* this.slow.records();
  }

  private handOver(from: number): void {
    const rest = this.pending.slice(from);
    this.pending = '';
    this.slow = this.makeSlow();
    if (rest !== '') this.slow.write(rest);
  }

  /** Reads the complete plain records of `pending`; at the end (`final`) the last one too. */
  private scan(final: boolean): void {
    const text = this.pending;
    const d = this.delimiter;
    const len = text.length;
    let pos = 0;
    // the next quote from pos on (found once, not once per line: -1 when there is none)
    let quote = text.indexOf('"');
    while (pos < len) {
      const start = pos;
      const nl = text.indexOf('\n', pos);
      const lineEnd = nl === -1 ? len : nl;
      if (lineEnd - start > this.plainMax) return this.handOver(start);
      if (quote !== -1 && quote < start) quote = text.indexOf('"', start);
      if (quote === -1 || quote >= lineEnd) {
        // no quote on the line: its cells are what lies between the delimiters
        if (nl === -1 && !final) break;
        this.out.push(text.slice(start, lineEnd).split(d));
        pos = nl === -1 ? len : nl + 1;
        continue;
      }
      const read = this.quoted(text, start, final);
      if (read === 'more') break;
      if (read === 'other') return this.handOver(start);
      pos = read;
    }
    this.pending = text.slice(pos);
  }

  /**
   * One record with quotes in it, from `start`: where the next record starts, 'more' when it may
   * go on past the text, 'other' when it is not plain.
   */
  private quoted(text: string, start: number, final: boolean): number | 'more' | 'other' {
    const d = this.delimiter;
    const len = text.length;
    const cells: string[] = [];
    let pos = start;
    for (;;) {
      if (pos - start > this.plainMax) return 'other';
      if (text.charCodeAt(pos) === 34) {
        // a quoted cell: up to the quote that is not doubled
        let value = '';
        let i = pos + 1;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1 || q - start > this.plainMax) return final || q - start > this.plainMax || len - start > this.plainMax ? 'other' : 'more';
          value += text.slice(i, q);
          if (q + 1 === len) {
            if (!final) return 'more';
            cells.push(value);
            this.out.push(cells);
            return len;
          }
          const next = text[q + 1];
          if (next === '"') {
            value += '"';
            i = q + 2;
            continue;
          }
          if (next === d) {
            cells.push(value);
            pos = q + 2;
            break;
          }
          if (next === '\n') {
            cells.push(value);
            this.out.push(cells);
            return q + 2;
          }
          return 'other';
        }
        if (pos === len) {
          if (!final) return 'more';
          cells.push('');
          this.out.push(cells);
          return len;
        }
        continue;
      }
      // an unquoted cell: up to the next delimiter or line end, with no quote in it
      let end = pos;
      while (end < len) {
        const c = text[end];
        if (c === d || c === '\n') break;
        if (c === '"') return 'other';
        end++;
      }
      if (end === len && !final) return 'more';
      cells.push(text.slice(pos, end));
      if (end === len) {
        this.out.push(cells);
        return len;
      }
      if (text[end] === '\n') {
        this.out.push(cells);
        return end + 1;
      }
      pos = end + 1;
      if (pos === len) {
        if (!final) return 'more';
        cells.push('');
        this.out.push(cells);
        return len;
      }
    }
  }
}
