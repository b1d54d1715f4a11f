import { open, type FileHandle } from 'node:fs/promises';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { type ImportBatch, type ImportError, type FileFormat, readConnections } from '../../importers/index.js';
import { progress, PROGRESS_FROM_ROWS } from '../../output/progress.js';
import { importConnectionBatches } from '../../db/repos/connections.js';
import { resolveRelation } from '../../db/repos/relations.js';

/** How the messages name each kind of file. */
export const FORMAT_NAMES: Record<FileFormat, string> = { linkedin: "LinkedIn's Connections.csv", csv: 'CSV', vcard: 'vCard' };

export async function openFile(file: string): Promise<FileHandle> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file);
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    return handle;
  } catch (err) {
    await handle?.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no file ${file}`);
    if (code === 'EISDIR') throw new UsageError(`${file} is a folder; pass the CSV file itself`);
    if (code === 'EACCES') throw new UsageError(`cannot read ${file}: permission denied`);
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

export default async function connectionImport(ctx: Context, [ref, file]: string[], opts: { dryRun?: boolean }): Promise<void> {
  const handle = await openFile(file!);
  try {
    const db = await ctx.db();
    const relation = resolveRelation(db, ref!);
    // The file is streamed in batches (a network of 30,000 is a few MB): memory stays flat.
    const seen = { format: 'csv' as FileFormat, skipped: 0, errors: [] as ImportError[] };
    // A long file shows how far it is, on a terminal (stderr).
    const shown = progress(ctx.io.stderr, (n) => `Reading ${file}: ${n.toLocaleString('en')} rows…`, { from: PROGRESS_FROM_ROWS });
    let rows = 0;
    async function* batches(): AsyncGenerator<ImportBatch> {
      for await (const batch of readConnections(handle.createReadStream({ autoClose: false }), { fileName: file! })) {
        rows += batch.rows.length + batch.skipped;
        shown.update(rows);
        seen.format = batch.format;
        seen.skipped += batch.skipped;
        seen.errors.push(...batch.errors);
        yield batch;
      }
    }
    const counts = await importConnectionBatches(db, relation.id, batches(), ctx.now(), opts.dryRun).finally(() => shown.done());
    const result = {
      relation: { id: relation.id, name: relation.name },
      format: seen.format,
      dryRun: Boolean(opts.dryRun),
      imported: counts.imported,
      updated: counts.updated,
      unchanged: counts.unchanged,
      skipped: seen.skipped,
      errors: seen.errors,
    };
    if (ctx.json) return ctx.printJson(result);
    const verb = opts.dryRun ? 'Would import' : 'Imported';
    ctx.print(
      `${verb} ${result.imported} new connection${result.imported === 1 ? '' : 's'} of ${relation.name} from ${file} (${FORMAT_NAMES[result.format]}); ` +
        `${result.updated} ${opts.dryRun ? 'would be ' : ''}updated, ${result.unchanged} unchanged, ${result.skipped} skipped (no name).`,
    );
    for (const e of result.errors) ctx.warn(`line ${e.line}: ${e.reason}`);
    if (!opts.dryRun && result.imported + result.updated > 0) ctx.info(`Next: \`refer connection list ${relation.id} --fit --limit 10\`.`);
  } finally {
    await handle.close();
  }
}
