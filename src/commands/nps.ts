import type { Context } from '../context.js';
import { npsClass, parseNpsScore } from '../core/nps.js';
import { assertNotFuture } from '../core/calendar.js';
import { parseDateArg } from '../core/when.js';
import { insertNps, resolveRelation } from '../db/repos/relations.js';

export default async function nps(ctx: Context, [ref, scoreText]: string[], opts: { date?: string; comment?: string }): Promise<void> {
  const score = parseNpsScore(scoreText!);
  const now = ctx.now();
  const at = opts.date === undefined ? now : parseDateArg(opts.date, now);
  assertNotFuture(at, now, '--date');
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  const comment = opts.comment?.trim() || null;
  const id = insertNps(db, relation.id, score, at, comment, now);
  const cls = npsClass(score);
  if (ctx.json) return ctx.printJson({ id, relation: { id: relation.id, name: relation.name }, score, class: cls, answeredAt: at.toISOString(), comment });
  ctx.print(`Recorded NPS ${score} (${cls}) for ${relation.name}.`);
  if (cls === 'promoter') ctx.info(`A promoter: a good moment to ask. \`refer moment ${relation.id} "…"\` keeps their words; \`refer ask ${relation.id}\` drafts the ask.`);
  if (cls === 'detractor') ctx.info('A detractor: fix what went wrong before asking for anything.');
}
