import type { Context } from '../../context.js';
import { dueInfo } from '../../core/due.js';
import type { FollowupView } from '../../db/repos/followups.js';
import { UsageError } from '../../errors.js';

/** A follow-up as `--json` shows it (the keys of CLI.md, plus uid, referees, lateDays, label and the done fields). */
export function followupJson(f: FollowupView, now: Date) {
  const due = dueInfo(new Date(f.dueAt), now);
  return {
    id: f.id,
    uid: f.uid,
    relation: { id: f.relation.id, name: f.relation.name },
    dueAt: f.dueAt,
    durationMinutes: f.durationMinutes,
    overdue: f.doneAt === null && due.overdue,
    lateDays: f.doneAt === null ? due.lateDays : 0,
    label: f.doneAt === null ? due.label : 'done',
    askId: f.askId,
    note: f.note,
    referees: f.referees,
    doneAt: f.doneAt,
    doneNote: f.doneNote,
  };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "Tue 2026-12-01 10:00" in local time. Written out, not with date-fns' format (about 10 µs a
 * call): `refer followup` shows thousands of rows on a long backlog.
 */
export function localWhen(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${WEEKDAYS[d.getDay()]} ${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One line about a follow-up, for confirmations. */
export function followupLine(ctx: Context, f: FollowupView): string {
  const who = f.referees.length ? ` about ${f.referees.join(', ')}` : '';
  return `follow-up ${f.id} with ${ctx.style.bold(f.relation.name)}${who}: ${localWhen(f.dueAt)}, ${f.durationMinutes} min`;
}

/** A follow-up is booked ahead; an ISO moment that has passed is refused (phrases always read forward). */
export function assertAhead(dueAt: Date, now: Date, text: string): void {
  if (dueAt < now) throw new UsageError(`"${text}" (${localWhen(dueAt)}) is in the past; a follow-up needs a moment ahead`);
}
