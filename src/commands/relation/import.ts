import type { Context } from '../../context.js';
import type { Relation } from '../../core/model.js';
import { importRelationBatches } from '../../db/repos/relations.js';
import { progress, PROGRESS_FROM_ROWS } from '../../output/progress.js';
import { type FileFormat, type ImportBatch, type ImportError, readConnections } from '../../importers/index.js';
import { FORMAT_NAMES, openFile } from '../connection/import.js';

/**
 * The rep's own network as candidate relations: LinkedIn's Connections.csv, a CRM or address-book
 * CSV, or vCards, read by the same importers as `connection import`.
 */
export default async function relationImport(ctx: Context, [file]: string[], opts: { kind?: Relation['kind']; dryRun?: boolean }): Promise<void> {
  const handle = await openFile(file!);
  try {
    const db = await ctx.db();
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
    const counts = await importRelationBatches(db, batches(), opts.kind, ctx.now(), opts.dryRun).finally(() => shown.done());
    const result = {
      format: seen.format,
      dryRun: Boolean(opts.dryRun),
      imported: counts.imported,
      updated: counts.updated,
      unchanged: counts.unchanged,
      skipped: seen.skipped,
      errors: seen.errors,
    };
    if (ctx.json) return ctx.printJson(result);
    const would = opts.dryRun ? 'would be ' : '';
    ctx.print(
      `${opts.dryRun ? 'Would import' : 'Imported'} ${result.imported} new relation${result.imported === 1 ? '' : 's'} from ${file} (${FORMAT_NAMES[result.format]}); ` +
        `${result.updated} ${would}updated, ${result.unchanged} already known, ${result.skipped} skipped (no name).`,
    );
    for (const e of result.errors) ctx.warn(`line ${e.line}: ${e.reason}`);
    if (!opts.dryRun && result.imported > 0) {
      ctx.info('They start unassessed. Next: `refer playbook` walks you through picking the trusted ones, or `refer relation edit REL --trust 4 --seller …`.');
    }
  } finally {
    await handle.close();
  }
}
