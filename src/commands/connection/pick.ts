import type { Context } from '../../context.js';
import { SHORTLIST } from '../../core/model.js';
import { shortlistOf, resolveConnection, setShortlist } from '../../db/repos/connections.js';
import { resolveRelation } from '../../db/repos/relations.js';

export function shortlistWarning(count: number): string | null {
  if (count < SHORTLIST.min) return `${count} picked: fewer than ${SHORTLIST.min} is a thin list; look for more people with the same situation`;
  if (count > SHORTLIST.max) return `${count} picked: more than ${SHORTLIST.max} reads as a spam list; keep the best ${SHORTLIST.max}`;
  return null;
}

export default async function connectionPick(ctx: Context, [ref, ...ids]: string[]): Promise<void> {
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  const picked = [...new Map(ids.map((id) => resolveConnection(db, id, relation)).map((c) => [c.id, c])).values()];
  setShortlist(db, relation.id, picked.map((c) => c.id), ctx.now());
  const warning = shortlistWarning(picked.length);
  if (warning) ctx.warn(warning);
  const shortlist = shortlistOf(db, relation.id, 'name');
  if (ctx.json) return ctx.printJson({ relation: { id: relation.id, name: relation.name }, shortlist, warnings: warning ? [warning] : [] });
  ctx.print(`Shortlist for ${relation.name}: ${shortlist.map((c) => `${c.name} (${c.id})`).join(', ')}.`);
  ctx.info(`Next: \`refer ask ${relation.id}\` drafts the ask about them.`);
}
