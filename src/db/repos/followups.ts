import { randomUUID } from 'node:crypto';
import type { Db } from '../open.js';
import type { Followup } from '../../core/model.js';

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
  const uid = `${randomUUID()}@refer`;
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
