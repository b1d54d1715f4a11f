// The few reads shell completion needs, each one indexed query with a limit: a TAB must answer
// at once on a database of any size.
import type { Db } from '../open.js';

export interface Candidate {
  value: string;
  description?: string;
}

const LIMIT = 200;

/**
 * Live relations whose name starts with the prefix (by name, a range of the name index), or
 * whose id does, for a prefix of digits.
 */
export function relationCandidates(db: Db, prefix: string): Array<{ id: number; name: string; company: string | null }> {
  type Row = { id: number; name: string; company: string | null };
  if (/^\d+$/.test(prefix)) {
    return db
      .prepare(`SELECT id, name, company FROM relations WHERE archived_at IS NULL AND CAST(id AS TEXT) LIKE ? ORDER BY id LIMIT ${LIMIT}`)
      .all(`${prefix}%`) as Row[];
  }
  return db
    .prepare(
      `SELECT id, name, company FROM relations
       WHERE name COLLATE NOCASE >= ? AND name COLLATE NOCASE < ? AND archived_at IS NULL AND name LIKE ? ESCAPE '\\'
       ORDER BY name COLLATE NOCASE LIMIT ${LIMIT}`,
    )
    .all(prefix, prefix + '\u{10ffff}', like(prefix)) as Row[];
}

/** The relation named by id or exact name (case aside), if one. */
export function relationIdFor(db: Db, ref: string): number | undefined {
  const row = (/^\d+$/.test(ref)
    ? db.prepare('SELECT id FROM relations WHERE id = ?').get(Number(ref))
    : db.prepare('SELECT id FROM relations WHERE name = ? COLLATE NOCASE LIMIT 1').get(ref)) as { id: number } | undefined;
  return row?.id;
}

/** A relation's connections whose name (or, for digits, id) starts with the prefix: the shortlist first, then by name. */
export function connectionCandidates(db: Db, relationId: number, prefix: string): Array<{ id: number; name: string; title: string | null; shortlisted: number }> {
  const digits = /^\d+$/.test(prefix);
  return db
    .prepare(
      `SELECT id, name, title, shortlisted_at IS NOT NULL AS shortlisted FROM connections
       WHERE relation_id = ? AND ${digits ? "CAST(id AS TEXT) LIKE ? || '%'" : "name COLLATE NOCASE >= ? AND name COLLATE NOCASE < ? || char(1114111) AND name LIKE ? ESCAPE '\\'"}
       ORDER BY shortlisted DESC, name COLLATE NOCASE LIMIT ${LIMIT}`,
    )
    .all(relationId, ...(digits ? [prefix] : [prefix, prefix, like(prefix)])) as Array<{ id: number; name: string; title: string | null; shortlisted: number }>;
}

/** Open follow-ups, soonest first. */
export function openFollowupCandidates(db: Db): Candidate[] {
  const rows = db
    .prepare(
      `SELECT f.id, f.due_at AS dueAt, r.name FROM followups f JOIN relations r ON r.id = f.relation_id
       WHERE f.done_at IS NULL ORDER BY f.due_at LIMIT ${LIMIT}`,
    )
    .all() as Array<{ id: number; dueAt: string; name: string }>;
  return rows.map((r) => ({ value: String(r.id), description: `${r.name}, due ${r.dueAt.slice(0, 10)}` }));
}

/**
 * Referrals still under way (not won, declined or lost), the latest asked first: each open stage
 * read from its end of the index on (stage, asked_at), so a TAB reads 200 rows a stage at most.
 */
export function openReferralCandidates(db: Db, openStages: readonly string[]): Candidate[] {
  const query = db.prepare(
    `SELECT f.id, f.stage, f.asked_at AS askedAt, c.name FROM referrals f JOIN connections c ON c.id = f.connection_id
     WHERE f.stage = ? ORDER BY f.asked_at DESC LIMIT ${LIMIT}`,
  );
  const rows = openStages.flatMap((stage) => query.all(stage) as Array<{ id: number; stage: string; askedAt: string; name: string }>);
  rows.sort((a, b) => (a.askedAt < b.askedAt ? 1 : a.askedAt > b.askedAt ? -1 : b.id - a.id));
  return rows.slice(0, LIMIT).map((r) => ({ value: String(r.id), description: `${r.name}, ${r.stage}` }));
}

const like = (prefix: string) => prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
