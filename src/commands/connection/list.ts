import type { Context } from '../../context.js';
import { rankedConnections } from '../../db/repos/fit.js';
import { getIcp } from '../../db/repos/profile.js';
import { resolveRelation } from '../../db/repos/relations.js';

/** A connection fits the ICP from this score on (and when not excluded). */
export const FIT_THRESHOLD = 50;

export default async function connectionList(ctx: Context, [ref]: string[], opts: { fit?: boolean; limit?: number }): Promise<void> {
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  const icp = getIcp(db);
  // best fit first, read from the stored fits: with --limit, only the rows shown
  const rows = rankedConnections(db, relation.id, {
    order: 'fit',
    ...(opts.fit ? { minScore: FIT_THRESHOLD } : {}),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
  });
  if (ctx.json) return ctx.printJson(rows);
  if (!icp) ctx.warn('no ICP yet, so every fit is neutral: `refer icp set --titles … --industries …`');
  if (rows.length === 0) {
    ctx.info(opts.fit ? `None of ${relation.name}'s connections fits the ICP yet.` : `No connections for ${relation.name} yet: \`refer connection import ${relation.id} Connections.csv\` or \`refer connection add ${relation.id} NAME\`.`);
    return;
  }
  const { style } = ctx;
  ctx.table(rows, [
    { header: 'ID', get: (c) => c.id, align: 'right' },
    { header: '★', get: (c) => (c.shortlisted ? '★' : '') },
    { header: 'NAME', get: (c) => c.name, style: (s) => style.bold(s) },
    { header: 'TITLE', get: (c) => c.title },
    { header: 'COMPANY', get: (c) => c.company },
    { header: 'FIT', get: (c) => c.fit.score, align: 'right', style: (s, c) => (c.fit.excluded ? style.red(s) : c.fit.score >= FIT_THRESHOLD ? style.green(s) : s) },
    { header: 'WHY', get: (c) => c.fit.reasons.join('; ') },
  ]);
  if (ctx.tty) ctx.info(style.dim(`★ shortlisted. Pick 5-10 for the ask: refer connection pick ${relation.id} ID...`));
}
