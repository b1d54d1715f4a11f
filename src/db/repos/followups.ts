import type { Db } from '../open.js';
import type { Followup } from '../../core/model.js';
import { NotFoundError, UsageError } from '../../errors.js';
import type { Page } from './today.js';

const SELECT = `SELECT id, uid, relation_id AS relationId, ask_id AS askId, due_at AS dueAt, duration_minutes AS durationMinutes,
  note, done_at AS doneAt, done_note AS doneNote FROM followups`;

export function followupsOfRelation(db: Db, relationId: number): Followup[] {
  return db.prepare(`${SELECT} WHERE relation_id = ? ORDER BY due_at, id`).all(relationId) as Followup[];
}

export function getFollowup(db: Db, id: number): Followup | undefined {
  return db.prepare(`${SELECT} WHERE id = ?`).get(id) as Followup | undefined;
}

/** Books a follow-up; its UID stays the same for life, so calendar re-exports update one event. */
export function insertFollowup(
  db: Db,
  f: { relationId: number; askId: number | null; dueAt: Date; durationMinutes: number; note: string | null },
  now: Date,
): Followup {
  const at = now.toISOString();
  // The global Web Crypto loads on first use; importing node:crypto costs every start-up ~2 ms.
  const uid = `${globalThis.crypto.randomUUID()}@refer`;
  const info = db
    .prepare(
      `INSERT INTO followups (uid, relation_id, ask_id, due_at, duration_minutes, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(uid, f.relationId, f.askId, f.dueAt.toISOString(), f.durationMinutes, f.note, at, at);
  return getFollowup(db, Number(info.lastInsertRowid))!;
}

export function markDone(db: Db, id: number, doneAt: Date, note: string | null, now: Date): void {
  db.prepare('UPDATE followups SET done_at = ?, done_note = ?, updated_at = ? WHERE id = ?').run(doneAt.toISOString(), note, now.toISOString(), id);
}

export function reschedule(db: Db, id: number, dueAt: Date, now: Date): void {
  db.prepare('UPDATE followups SET due_at = ?, updated_at = ? WHERE id = ?').run(dueAt.toISOString(), now.toISOString(), id);
}

/** A follow-up as listings and calendars show it: with its relation and the referees of its ask. */
export interface FollowupView extends Followup {
  relation: { id: number; name: string; archived: boolean };
  /** the connection names of the ask's referrals, in the order they were asked about */
  referees: string[];
}

// The referees come along as a JSON array, in the order they were asked about (one index seek per ask).
const VIEW = `SELECT fu.id, fu.uid, fu.relation_id AS relationId, fu.ask_id AS askId, fu.due_at AS dueAt,
  fu.duration_minutes AS durationMinutes, fu.note, fu.done_at AS doneAt, fu.done_note AS doneNote,
  r.name AS relationName, r.archived_at IS NOT NULL AS archived,
  (SELECT json_group_array(c.name ORDER BY f.id) FROM referrals f JOIN connections c ON c.id = f.connection_id
   WHERE f.ask_id = fu.ask_id) AS referees
  FROM followups fu JOIN relations r ON r.id = fu.relation_id`;

type ViewRow = Omit<FollowupView, 'relation' | 'referees'> & { relationName: string; archived: number; referees: string };

/** Open follow-ups of live relations: archiving a relation means the rep stopped working with them. */
const OPEN = 'fu.done_at IS NULL AND r.archived_at IS NULL';

/**
 * The open follow-ups due from `from` up to `to` (included; either end may be open), oldest
 * first. Those of archived relations are left out, so their follow-ups do not nag.
 */
export function openFollowups(db: Db, range: { from?: Date; to?: Date } = {}): FollowupView[] {
  const where = [OPEN, ...(range.from ? ['fu.due_at >= @from'] : []), ...(range.to ? ['fu.due_at <= @to'] : [])].join(' AND ');
  const rows = db.prepare(`${VIEW} WHERE ${where} ORDER BY fu.due_at, fu.id`).all({
    ...(range.from && { from: range.from.toISOString() }),
    ...(range.to && { to: range.to.toISOString() }),
  }) as ViewRow[];
  return rows.map(toView);
}

/**
 * How many open follow-ups of live relations are due before `at` (ISO; up to and including it
 * with `inclusive`). Counted from the index of open follow-ups alone, less those of archived
 * relations (few), found from the relations side: a long backlog's rows are never read to count
 * them. Left alone, SQLite would count in followups_due, which holds the done ones too.
 */
function countOpenDue(db: Db, at: string, inclusive: boolean): number {
  const op = inclusive ? '<=' : '<';
  const all = db.prepare(`SELECT count(*) FROM followups INDEXED BY followups_open_due WHERE done_at IS NULL AND due_at ${op} ?`).pluck().get(at) as number;
  const archived = db
    .prepare(`SELECT count(*) FROM relations r CROSS JOIN followups fu ON fu.relation_id = r.id WHERE r.archived_at IS NOT NULL AND fu.done_at IS NULL AND fu.due_at ${op} ?`)
    .pluck()
    .get(at) as number;
  return all - archived;
}

/** How many open follow-ups of live relations are due at or before `by` (what `refer followup` would list up to it). */
export function countDueBy(db: Db, by: Date): number {
  return countOpenDue(db, by.toISOString(), true);
}

/** How many open follow-ups of live relations were due before `now` (`--check`). */
export function countOverdue(db: Db, now: Date): number {
  return countOpenDue(db, now.toISOString(), false);
}

/**
 * Open follow-ups of live relations due at or before `by` (ISO), oldest first: the first `limit`
 * with their referees, and how many there are (`refer today`).
 */
export function openFollowupsDueBy(db: Db, by: string, limit: number): Page<FollowupView> {
  const rows = db.prepare(`${VIEW} WHERE ${OPEN} AND fu.due_at <= ? ORDER BY fu.due_at, fu.id LIMIT ?`).all(by, limit) as ViewRow[];
  return { total: countOpenDue(db, by, true), rows: rows.map(toView) };
}

/** A follow-up named by its id (open or done, of any relation). */
export function resolveFollowup(db: Db, ref: string): FollowupView {
  const text = ref.trim();
  if (!/^\d+$/.test(text)) throw new UsageError(`a follow-up is named by its id (a number), got "${ref}"`);
  const row = db.prepare(`${VIEW} WHERE fu.id = ?`).get(Number(text)) as ViewRow | undefined;
  if (!row) throw new NotFoundError(`no follow-up with id ${text}; \`refer followup --all\` lists the open ones`);
  return toView(row);
}

function toView({ relationName, archived, referees, ...f }: ViewRow): FollowupView {
  return { ...f, relation: { id: f.relationId, name: relationName, archived: archived === 1 }, referees: JSON.parse(referees) as string[] };
}
