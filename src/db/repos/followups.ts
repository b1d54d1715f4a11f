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

const VIEW = `SELECT fu.id, fu.uid, fu.relation_id AS relationId, fu.ask_id AS askId, fu.due_at AS dueAt,
  fu.duration_minutes AS durationMinutes, fu.note, fu.done_at AS doneAt, fu.done_note AS doneNote,
  r.name AS relationName, r.archived_at IS NOT NULL AS archived
  FROM followups fu JOIN relations r ON r.id = fu.relation_id`;

type ViewRow = Followup & { relationName: string; archived: number };

/**
 * The open follow-ups, oldest first. Those of archived relations are left out: archiving a
 * relation means the rep stopped working with them, so their follow-ups should not nag.
 */
export function openFollowups(db: Db): FollowupView[] {
  const rows = db.prepare(`${VIEW} WHERE fu.done_at IS NULL AND r.archived_at IS NULL ORDER BY fu.due_at, fu.id`).all() as ViewRow[];
  return withReferees(db, rows);
}

/**
 * Open follow-ups of live relations due at or before `by` (ISO), oldest first: the first `limit`
 * with their referees, and how many there are (`refer today`).
 */
export function openFollowupsDueBy(db: Db, by: string, limit: number): Page<FollowupView> {
  const due = 'fu.done_at IS NULL AND fu.due_at <= ? AND r.archived_at IS NULL';
  const total = (db.prepare(`SELECT count(*) AS n FROM followups fu JOIN relations r ON r.id = fu.relation_id WHERE ${due}`).get(by) as { n: number }).n;
  const rows = db.prepare(`${VIEW} WHERE ${due} ORDER BY fu.due_at, fu.id LIMIT ?`).all(by, limit) as ViewRow[];
  return { total, rows: withReferees(db, rows) };
}

/** A follow-up named by its id (open or done, of any relation). */
export function resolveFollowup(db: Db, ref: string): FollowupView {
  const text = ref.trim();
  if (!/^\d+$/.test(text)) throw new UsageError(`a follow-up is named by its id (a number), got "${ref}"`);
  const row = db.prepare(`${VIEW} WHERE fu.id = ?`).get(Number(text)) as ViewRow | undefined;
  if (!row) throw new NotFoundError(`no follow-up with id ${text}; \`refer followup --all\` lists the open ones`);
  return withReferees(db, [row])[0]!;
}

function withReferees(db: Db, rows: ViewRow[]): FollowupView[] {
  const askIds = [...new Set(rows.flatMap((r) => (r.askId === null ? [] : [r.askId])))];
  const referees = new Map<number, string[]>();
  if (askIds.length > 0) {
    const names = db
      .prepare(
        `SELECT f.ask_id AS askId, c.name FROM referrals f JOIN connections c ON c.id = f.connection_id
         WHERE f.ask_id IN (SELECT value FROM json_each(?)) ORDER BY f.id`,
      )
      .all(JSON.stringify(askIds)) as Array<{ askId: number; name: string }>;
    for (const { askId, name } of names) referees.set(askId, [...(referees.get(askId) ?? []), name]);
  }
  return rows.map(({ relationName, archived, ...f }) => ({
    ...f,
    relation: { id: f.relationId, name: relationName, archived: archived === 1 },
    referees: f.askId === null ? [] : (referees.get(f.askId) ?? []),
  }));
}
