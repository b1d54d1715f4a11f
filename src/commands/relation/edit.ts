import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { cleanName } from '../../core/text.js';
import { getRelation, resolveRelation, updateRelation } from '../../db/repos/relations.js';
import { type RelationFlags, relationFields } from './flags.js';
import { printRelationLine, viewRelations } from './view.js';

export default async function relationEdit(ctx: Context, [ref]: string[], opts: RelationFlags): Promise<void> {
  const fields = relationFields(opts);
  if (opts.name !== undefined) {
    const clean = cleanName(opts.name);
    if (!clean) throw new UsageError('--name cannot be empty');
    fields.name = clean;
  }
  if (Object.values(fields).every((v) => v === undefined)) throw new UsageError('nothing to change: pass a flag such as --trust, --seller or --no-seller (see --help)');
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  const now = ctx.now();
  updateRelation(db, relation.id, fields, now);
  const [view] = viewRelations(db, [getRelation(db, relation.id)!], now);
  if (ctx.json) return ctx.printJson(view);
  printRelationLine(ctx, view!, 'Updated');
}
