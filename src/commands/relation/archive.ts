import type { Context } from '../../context.js';
import { getRelation, resolveRelation, setArchived } from '../../db/repos/relations.js';

export default async function relationArchive(ctx: Context, [ref]: string[], opts: { restore?: boolean }): Promise<void> {
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  setArchived(db, relation.id, !opts.restore, ctx.now());
  const after = getRelation(db, relation.id)!;
  if (ctx.json) return ctx.printJson(after);
  ctx.print(opts.restore ? `Restored relation ${after.id} ${after.name}.` : `Archived relation ${after.id} ${after.name}; its history is kept (\`refer relation archive ${after.id} --restore\` brings it back).`);
}
