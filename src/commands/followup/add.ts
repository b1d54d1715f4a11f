import type { Context } from '../../context.js';
import { parseWhen } from '../../core/when.js';
import { insertFollowup, resolveFollowup } from '../../db/repos/followups.js';
import { resolveRelation } from '../../db/repos/relations.js';
import { assertAhead, followupJson, followupLine } from './view.js';

/** `refer followup add REL WHEN`: a follow-up booked by hand, outside an ask. */
export default async function followupAdd(ctx: Context, [ref, whenText]: string[], opts: { minutes: number; note?: string }): Promise<void> {
  const now = ctx.now();
  const dueAt = parseWhen(whenText!, now);
  assertAhead(dueAt, now, whenText!);
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  const note = opts.note?.trim() || null;
  const { id } = insertFollowup(db, { relationId: relation.id, askId: null, dueAt, durationMinutes: opts.minutes, note }, now);
  const booked = resolveFollowup(db, String(id));
  if (ctx.json) return ctx.printJson(followupJson(booked, now));
  ctx.print(`Booked ${followupLine(ctx, booked)}.`);
  if (relation.archivedAt) ctx.warn(`${relation.name} is archived: \`refer followup\` leaves their follow-ups out until \`refer relation archive ${relation.id} --restore\``);
}
