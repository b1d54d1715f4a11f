// Reading an export document back: its version first (a newer format is refused with that
// reason, not with a list of unknown fields), then every row against the columns of the
// database it goes into. The first problem is reported with its path in the document.

import { z } from 'zod';
import { UsageError } from '../errors.js';
import { type ColumnKind, type ExportDocument, FORMAT_VERSION, type TableSpec } from './dump.js';

const VALUE: Record<ColumnKind, () => z.ZodType> = {
  text: () => z.string(),
  integer: () => z.number().int(),
  real: () => z.number(),
  bool: () => z.boolean(),
  'json-list': () => z.array(z.string()),
  json: () => z.json(),
  time: () => z.iso.datetime(),
  date: () => z.iso.date(),
};

/** The shape of an export for a database with these tables: no unknown tables or columns. */
export function documentSchema(specs: readonly TableSpec[]): z.ZodType<ExportDocument> {
  const tables = Object.fromEntries(
    specs.map((t) => {
      const row = Object.fromEntries(
        t.columns.map((c) => {
          let value = VALUE[c.kind]();
          if (c.nullable) value = value.nullable();
          if (!c.required) value = value.optional();
          return [c.key, value];
        }),
      );
      // A table the export does not have (one added by a later schema) starts empty.
      return [t.key, z.array(z.strictObject(row)).default([])];
    }),
  );
  return z.strictObject({
    formatVersion: z.literal(FORMAT_VERSION),
    schemaVersion: z.number().int().min(1),
    exportedAt: z.iso.datetime(),
    tables: z.strictObject(tables),
  }) as unknown as z.ZodType<ExportDocument>;
}

/** `["tables", "relations", 2, "trust"]` → `tables.relations[2].trust`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? String(p) : `${s}.${String(p)}`), '');
}

/**
 * Parses and validates an export made by `refer export`. `name` is how messages name the file;
 * `schemaVersion` is the schema of the database it goes into. Throws a UsageError naming the
 * first problem: not JSON, not an export, made by a newer refer, or a bad value (with its path).
 */
export function readDocument(text: string, specs: readonly TableSpec[], schemaVersion: number, name: string): ExportDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${name} is not JSON (${(err as Error).message}); pass a file made by \`refer export\``);
  }
  const head = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (typeof head.formatVersion !== 'number' || typeof head.schemaVersion !== 'number') {
    throw new UsageError(`${name} is not a refer export (it has no formatVersion and schemaVersion); pass a file made by \`refer export\``);
  }
  if (head.formatVersion > FORMAT_VERSION || head.schemaVersion > schemaVersion) {
    throw new UsageError(
      `${name} was made by a newer version of refer (format ${head.formatVersion}, schema ${head.schemaVersion}; this refer reads format ${FORMAT_VERSION}, schema ${schemaVersion}). Upgrade refer; nothing was changed.`,
    );
  }
  const result = documentSchema(specs).safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = formatPath(issue.path);
    throw new UsageError(`${name} is not a valid refer export: ${where === '' ? '' : `${where}: `}${issue.message}; nothing was changed`);
  }
  return result.data;
}
