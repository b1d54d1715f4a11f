import { readFile } from 'node:fs/promises';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { parseConnectionsFile } from '../../importers/index.js';
import { importConnections } from '../../db/repos/connections.js';
import { resolveRelation } from '../../db/repos/relations.js';

async function read(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no file ${file}`);
    if (code === 'EISDIR') throw new UsageError(`${file} is a folder; pass the CSV file itself`);
    if (code === 'EACCES') throw new UsageError(`cannot read ${file}: permission denied`);
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

export default async function connectionImport(ctx: Context, [ref, file]: string[], opts: { dryRun?: boolean }): Promise<void> {
  const content = await read(file!);
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  const parsed = parseConnectionsFile(content, { fileName: file! });
  const counts = importConnections(db, relation.id, parsed.rows, parsed.format, ctx.now(), opts.dryRun);
  const result = {
    relation: { id: relation.id, name: relation.name },
    format: parsed.format,
    dryRun: Boolean(opts.dryRun),
    imported: counts.imported,
    updated: counts.updated,
    unchanged: counts.unchanged,
    skipped: parsed.skipped,
    errors: parsed.errors,
  };
  if (ctx.json) return ctx.printJson(result);
  const verb = opts.dryRun ? 'Would import' : 'Imported';
  ctx.print(
    `${verb} ${result.imported} new connection${result.imported === 1 ? '' : 's'} of ${relation.name} from ${file} (${parsed.format === 'linkedin' ? "LinkedIn's Connections.csv" : 'CSV'}); ` +
      `${result.updated} ${opts.dryRun ? 'would be ' : ''}updated, ${result.unchanged} unchanged, ${result.skipped} skipped (no name).`,
  );
  for (const e of result.errors) ctx.warn(`line ${e.line}: ${e.reason}`);
  if (!opts.dryRun && result.imported + result.updated > 0) ctx.info(`Next: \`refer connection list ${relation.id} --fit --limit 10\`.`);
}
