import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { type DocRow, type ExportDocument, FORMAT_VERSION, type TableSpec, toDocRow } from '../core/dump.js';
import { describeTables, readRows } from '../db/repos/data.js';
import { FailureError, UsageError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic.js';
import { toCsv } from '../output/csv.js';

interface ExportFlags {
  output?: string;
  format: 'json' | 'csv';
}

// Spreadsheets read a CSV file as UTF-8 (names such as "Jürgen") only when it starts with a BOM.
const BOM = '\ufeff';

/** The whole database as one document, read in one transaction so the tables agree. */
async function readAll(ctx: Context): Promise<{ doc: ExportDocument; specs: TableSpec[] }> {
  const db = await ctx.existingDb();
  if (!db) throw new FailureError(`there is no database at ${ctx.dbPath} yet; nothing to export`);
  const specs = describeTables(db);
  const doc = db.transaction(() => ({
    formatVersion: FORMAT_VERSION,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    exportedAt: ctx.now().toISOString(),
    tables: Object.fromEntries(specs.map((s) => [s.key, readRows(db, s).map((r) => toDocRow(s, r))])),
  }))();
  return { doc, specs };
}

/** Everyone in one list: the relations, then the connections with the relation they came from. */
function people(doc: ExportDocument): string {
  const relations = doc.tables.relations ?? [];
  const names = new Map(relations.map((r) => [r.id, r.name]));
  const rows: unknown[][] = [
    ...relations.map((r) => ['relation', r.id, r.name, r.company, r.role, r.email, r.linkedin, null, null, null]),
    ...(doc.tables.connections ?? []).map((c) => ['connection', c.id, c.name, c.company, c.title, c.email, c.linkedin, c.location, c.relationId, names.get(c.relationId) ?? null]),
  ];
  return toCsv(rows, ['type', 'id', 'name', 'company', 'role', 'email', 'linkedin', 'location', 'relationId', 'relation']);
}

/** One table as CSV, its columns as in the JSON export. */
function tableCsv(spec: TableSpec, rows: DocRow[]): string {
  const header = spec.columns.map((c) => c.key);
  return BOM + toCsv(rows.map((r) => header.map((k) => r[k])), header);
}

/** The folder for the CSV files, created (0700) when missing. */
function csvFolder(path: string): string {
  let isFile = false;
  try {
    isFile = !statSync(path).isDirectory();
  } catch {
    try {
      mkdirSync(path, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new FailureError(`cannot create the folder ${path}: ${(err as Error).message}`);
    }
  }
  if (isFile) throw new UsageError(`-o ${path} is a file; --format csv writes one file per table into a folder`);
  return path;
}

export default async function exportData(ctx: Context, _args: string[], opts: ExportFlags): Promise<void> {
  const { doc, specs } = await readAll(ctx);
  const counts = Object.fromEntries(Object.entries(doc.tables).map(([k, rows]) => [k, rows.length]));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);

  if (opts.output === undefined) {
    ctx.print(opts.format === 'csv' ? people(doc) : JSON.stringify(doc, null, 2));
    return;
  }
  const files: string[] = [];
  if (opts.format === 'csv') {
    const dir = csvFolder(opts.output);
    for (const spec of specs) {
      const file = join(dir, `${spec.key}.csv`);
      await writeFileAtomic(file, tableCsv(spec, doc.tables[spec.key] ?? []));
      files.push(file);
    }
  } else {
    await writeFileAtomic(opts.output, JSON.stringify(doc, null, 2) + '\n');
    files.push(opts.output);
  }
  if (ctx.json) return ctx.printJson({ format: opts.format, files, rows: counts });
  ctx.info(
    `Exported ${total} row${total === 1 ? '' : 's'} (${Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'an empty database'}) to ${
      opts.format === 'csv' ? `${files.length} CSV files in ${opts.output}` : opts.output
    }, readable by you only (mode 0600).`,
  );
}
