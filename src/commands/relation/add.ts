import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { cleanName } from '../../core/text.js';
import { getRelation, insertRelation } from '../../db/repos/relations.js';
import { type RelationFlags, relationFields } from './flags.js';
import { printRelationLine, viewRelations } from './view.js';

export default async function relationAdd(ctx: Context, [name]: string[], opts: RelationFlags): Promise<void> {
  const clean = cleanName(name ?? '');
  if (!clean) throw new UsageError('a relation needs a name');
  const db = await ctx.db();
  const now = ctx.now();
  const id = insertRelation(db, { ...relationFields(opts), name: clean }, now);
  const [view] = viewRelations(db, [getRelation(db, id)!], now);
  if (ctx.json) return ctx.printJson(view);
  printRelationLine(ctx, view!, 'Added');
  ctx.info(`Next: \`refer nps ${id} SCORE\`, \`refer moment ${id} "what they valued"\`, \`refer connection import ${id} Connections.csv\`.`);
}
