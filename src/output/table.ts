import type { Style } from './color.js';

export interface Column<T> {
  header: string;
  get: (row: T) => string | number | null | undefined;
  align?: 'left' | 'right';
  /** colour a cell on a terminal (the text is measured before styling) */
  style?: (text: string, row: T) => string;
}

const width = (s: string) => [...s].length;
const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * A table on a terminal (aligned, a bold header); tab-separated lines without a header in a
 * pipe, so that `cut`, `awk` and spreadsheets read them (the GitHub CLI convention).
 */
export function renderTable<T>(rows: T[], columns: Column<T>[], opts: { tty: boolean; style: Style }): string {
  const cells = rows.map((r) => columns.map((c) => cell(c.get(r)).replace(/[\t\r\n]+/g, ' ')));
  if (!opts.tty) return cells.map((r) => r.join('\t') + '\n').join('');
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat((widths[i] ?? 0) - width(s));
    return columns[i]?.align === 'right' ? gap + s : s + gap;
  };
  const lines = [columns.map((c, i) => opts.style.bold(pad(c.header, i))).join('  ').trimEnd()];
  cells.forEach((r, ri) => {
    const row = rows[ri] as T;
    lines.push(
      r
        .map((s, i) => {
          const padded = pad(s, i);
          const st = columns[i]?.style;
          return st ? padded.replace(s, st(s, row)) : padded;
        })
        .join('  ')
        .trimEnd(),
    );
  });
  return lines.join('\n') + '\n';
}
