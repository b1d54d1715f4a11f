import type { Context } from '../../context.js';
import { buildCalendar, type CalendarEvent } from '../../core/ics.js';
import { type FollowupView, openFollowups, resolveFollowup } from '../../db/repos/followups.js';

/** `refer followup ics [ID...] [-o FILE]`: the follow-ups as an RFC 5545 calendar. */
export default async function followupIcs(ctx: Context, ids: string[], opts: { output?: string }): Promise<void> {
  const now = ctx.now();
  const db = await ctx.db();
  const followups = ids.length === 0 ? openFollowups(db) : [...new Map(ids.map((id) => resolveFollowup(db, id)).map((f) => [f.id, f])).values()];
  const calendar = buildCalendar(followups.map(toEvent), now);
  const uids = followups.map((f) => f.uid);

  if (opts.output !== undefined) {
    const { writeFileAtomic } = await import('../../output/atomic.js');
    await writeFileAtomic(opts.output, calendar);
    if (ctx.json) return ctx.printJson({ file: opts.output, count: followups.length, uids });
    ctx.info(`Wrote ${followups.length} follow-up${followups.length === 1 ? '' : 's'} to ${opts.output}; importing it again updates the same events.`);
    return;
  }
  if (ctx.json) return ctx.printJson({ file: null, count: followups.length, uids, calendar });
  ctx.io.stdout.write(calendar);
  if (followups.length === 0) ctx.info('No open follow-ups: the calendar is empty.');
}

/** One VEVENT: the summary names the relation; the description holds the agenda and the referees. */
function toEvent(f: FollowupView): CalendarEvent {
  const lines = [
    f.note,
    f.referees.length ? `Referees: ${f.referees.join(', ')}` : null,
    f.askId !== null ? `Ask ${f.askId}. Afterwards: refer followup done ${f.id} --outcome STAGE` : `Afterwards: refer followup done ${f.id}`,
  ];
  return {
    uid: f.uid,
    start: new Date(f.dueAt),
    durationMinutes: f.durationMinutes,
    summary: `${f.durationMinutes}-min follow-up: ${f.relation.name}`,
    description: lines.filter((l): l is string => Boolean(l)).join('\n'),
  };
}
