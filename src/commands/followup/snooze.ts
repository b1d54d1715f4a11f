import type { Context } from '../../context.js';
import { formatLocal } from '../../core/calendar.js';
import { parseWhen } from '../../core/when.js';
import { reschedule, resolveFollowup } from '../../db/repos/followups.js';
import { UsageError } from '../../errors.js';
import { assertAhead, followupJson, followupLine } from './view.js';

/** `refer followup snooze ID WHEN`: move an open follow-up to a later moment. */
export default async function followupSnooze(ctx: Context, [ref, whenText]: string[]): Promise<void> {
  const now = ctx.now();
  const dueAt = parseWhen(whenText!, now);
  assertAhead(dueAt, now, whenText!);
  const db = await ctx.db();
  const followup = resolveFollowup(db, ref!);
  if (followup.doneAt !== null) {
    throw new UsageError(`follow-up ${followup.id} is done (${formatLocal(new Date(followup.doneAt))}); book a new one with \`refer followup add ${followup.relationId} WHEN\``);
  }
  reschedule(db, followup.id, dueAt, now);
  const moved = { ...followup, dueAt: dueAt.toISOString() };
  if (ctx.json) return ctx.printJson(followupJson(moved, now));
  ctx.print(`Moved ${followupLine(ctx, moved)}.`);
}
