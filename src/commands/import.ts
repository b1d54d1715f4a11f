import { readFile } from 'node:fs/promises';
import type { Context } from '../context.js';
import { readDocument } from '../core/restore.js';
import { openDb } from '../db/open.js';
import { SCHEMA_VERSION } from '../db/migrations/index.js';
import { describeTables, isEmpty, restoreTables, rowCounts } from '../db/repos/data.js';
import { FailureError, UsageError } from '../errors.js';
import { defaultBackupPath, makeBackup } from './backup.js';

async function read(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no file ${file}`);
    if (code === 'EISDIR') throw new UsageError(`${file} is a folder; pass the file made by \`refer export -o FILE\``);
    if (code === 'EACCES') throw new UsageError(`cannot read ${file}: permission denied`);
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

const summary = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

export default async function importData(ctx: Context, [file]: string[], opts: { force?: boolean }): Promise<void> {
  const text = await read(file!);
  // The file is checked before the database is opened (or created): against the current schema,
  // then by restoring it into a database in memory, where the schema's own checks run.
  const scratch = openDb(':memory:');
  let doc;
  try {
    const scratchSpecs = describeTables(scratch);
    doc = readDocument(text, scratchSpecs, SCHEMA_VERSION, file!);
    restoreTables(scratch, scratchSpecs, doc.tables, { replace: false, database: 'memory', file: file! });
  } finally {
    scratch.close();
  }
  const db = await ctx.db();
  // Before a backup is made for nothing.
  if (db.readonly) throw new FailureError(`the database ${ctx.dbPath} is read-only; check its permissions (nothing was changed)`);
  const specs = describeTables(db);

  const present = rowCounts(db, specs);
  let backup: string | null = null;
  if (!isEmpty(present)) {
    if (!opts.force) {
      throw new UsageError(`${ctx.dbPath} already holds data (${summary(present)}); \`refer import\` restores into an empty database`, [
        'pass --force to replace everything in it (a backup is made first),',
        `or restore into a new file: refer --db NEW.db import ${file}`,
      ]);
    }
    backup = defaultBackupPath(ctx);
    await makeBackup(db, backup);
    ctx.info(`Backed up the current database to ${backup} before replacing it.`);
  }
  const written = restoreTables(db, specs, doc.tables, { replace: backup !== null, database: ctx.dbPath, file: file! });
  const total = Object.values(written).reduce((a, b) => a + b, 0);
  if (ctx.json) return ctx.printJson({ file, rows: written, backup });
  ctx.print(`Imported ${total} row${total === 1 ? '' : 's'} from ${file} into ${ctx.dbPath}${total ? ` (${summary(written)})` : ''}.`);
}
