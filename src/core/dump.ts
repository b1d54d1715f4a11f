// The export document: every table of the database as arrays of row objects, with camelCase
// keys, yes/no columns as booleans and JSON columns as values. The tables and columns come from
// the database itself (see src/db/repos/data.ts), so a column added to the schema travels
// without a change here; only the columns whose stored form differs from their meaning are
// declared below.

import { CRITERIA } from './model.js';

/** Bumped when the shape of the document changes (not when a column is added). */
export const FORMAT_VERSION = 1;

export type ColumnKind = 'text' | 'integer' | 'real' | 'bool' | 'json-list' | 'json' | 'time' | 'date';

export interface ColumnSpec {
  /** the SQLite column */
  column: string;
  /** its key in the document */
  key: string;
  kind: ColumnKind;
  /** an import must give it: the primary key (ids are kept) and NOT NULL columns without a default */
  required: boolean;
  /** NULL is allowed */
  nullable: boolean;
}

export interface TableSpec {
  table: string;
  /** its key in the document */
  key: string;
  columns: ColumnSpec[];
  /** the primary key's columns, the order rows are exported in */
  primaryKey: string[];
}

export type DocRow = Record<string, unknown>;

export interface ExportDocument {
  formatVersion: number;
  /** the database schema (PRAGMA user_version) the rows come from */
  schemaVersion: number;
  exportedAt: string;
  tables: Record<string, DocRow[]>;
}

/** Columns stored as 0/1 that mean no/yes. */
const BOOL_COLUMNS: Record<string, readonly string[]> = {
  relations: CRITERIA.map((c) => c.column),
  referral_events: ['forced'],
};

/** Columns holding JSON text: a list of strings, or any JSON value. */
const JSON_COLUMNS: Record<string, Record<string, 'json-list' | 'json'>> = {
  icp: { industries: 'json-list', titles: 'json-list', regions: 'json-list', exclude_companies: 'json-list' },
  playbook_progress: { state: 'json' },
};

export const camelCase = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** How a column travels, from its table, name and declared SQLite type. */
export function columnKind(table: string, column: string, declaredType: string): ColumnKind {
  if (BOOL_COLUMNS[table]?.includes(column)) return 'bool';
  const json = JSON_COLUMNS[table]?.[column];
  if (json) return json;
  const type = declaredType.toUpperCase();
  if (type === 'INTEGER') return 'integer';
  if (type === 'REAL') return 'real';
  // Times are ISO 8601 UTC text (created_at, due_at, at …); days are YYYY-MM-DD (connected_on).
  if (column === 'at' || column.endsWith('_at')) return 'time';
  if (column.endsWith('_on')) return 'date';
  return 'text';
}

/** A database row (snake_case, SQLite values) as a document row. */
export function toDocRow(spec: TableSpec, row: Record<string, unknown>): DocRow {
  const out: DocRow = {};
  for (const c of spec.columns) {
    const value = row[c.column];
    if (value === null || value === undefined) out[c.key] = null;
    else if (c.kind === 'bool') out[c.key] = value === 1;
    else if (c.kind === 'json' || c.kind === 'json-list') out[c.key] = JSON.parse(String(value));
    else out[c.key] = value;
  }
  return out;
}

/** A (validated) document row as SQLite values by column; keys the row leaves out are left out. */
export function fromDocRow(spec: TableSpec, row: DocRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of spec.columns) {
    if (!(c.key in row)) continue;
    const value = row[c.key];
    if (value === null || value === undefined) out[c.column] = null;
    else if (c.kind === 'bool') out[c.column] = value ? 1 : 0;
    else if (c.kind === 'json' || c.kind === 'json-list') out[c.column] = JSON.stringify(value);
    else out[c.column] = value;
  }
  return out;
}
