// What `refer today` reads besides the relations: the first few follow-ups due and referrals
// waiting, with how many there are in all, and this month's funnel as counts. Each is answered
// from an index; none reads every follow-up or referral.
import type { Db } from '../open.js';
import { CRITERIA, type PathStage, type Stage } from '../../core/model.js';

/** Whether anything is set up: a profile or a relation (archived ones count). */
export function isSetUp(db: Db): boolean {
  const row = db.prepare('SELECT EXISTS (SELECT 1 FROM profile) OR EXISTS (SELECT 1 FROM relations) AS used').get() as { used: number };
  return row.used === 1;
}

/** The first rows of a list, and how many there are in all. */
export interface Page<T> {
  rows: T[];
  total: number;
}

export interface WaitingReferral {
  id: number;
  askId: number;
  relationId: number;
  relation: string;
  connectionId: number;
  connection: string;
  stage: 'asked' | 'agreed';
  /** when it reached the stage it is still at */
  since: string;
}

// The expression of the referrals_waiting_since index, written the same way so that SQLite uses it.
const SINCE = "(CASE f.stage WHEN 'agreed' THEN f.agreed_at WHEN 'asked' THEN f.asked_at END)";

/**
 * Referrals of live relations still at `asked` (no answer yet) or `agreed` (no introduction yet)
 * since before `before` (ISO): the `limit` longest waiting, and how many there are.
 */
export function waitingReferrals(db: Db, before: string, limit: number): Page<WaitingReferral> {
  // All of them from the index alone, less those of archived relations (few), found from the relations side.
  const all = (db.prepare(`SELECT count(*) AS n FROM referrals f WHERE ${SINCE} < ?`).get(before) as { n: number }).n;
  const archived = (
    db
      .prepare(
        `SELECT count(*) AS n FROM relations r CROSS JOIN asks a ON a.relation_id = r.id CROSS JOIN referrals f ON f.ask_id = a.id
         WHERE r.archived_at IS NOT NULL AND ${SINCE} < ?`,
      )
      .get(before) as { n: number }
  ).n;
  const rows = db
    .prepare(
      `SELECT f.id, f.ask_id AS askId, a.relation_id AS relationId, r.name AS relation, f.connection_id AS connectionId,
         c.name AS connection, f.stage, ${SINCE} AS since
       FROM referrals f JOIN asks a ON a.id = f.ask_id JOIN relations r ON r.id = a.relation_id JOIN connections c ON c.id = f.connection_id
       WHERE ${SINCE} < ? AND r.archived_at IS NULL
       ORDER BY ${SINCE}, f.id LIMIT ?`,
    )
    .all(before, limit) as WaitingReferral[];
  return { total: all - archived, rows };
}

/** The referrals asked from `from` up to (not including) `to`, counted by where they are and the furthest they got. */
export function funnelCounts(db: Db, from: string, to: string): Array<{ stage: Stage; reached: PathStage; n: number }> {
  return db
    .prepare('SELECT stage, reached, count(*) AS n FROM referrals WHERE asked_at >= ? AND asked_at < ? GROUP BY stage, reached')
    .all(from, to) as Array<{ stage: Stage; reached: PathStage; n: number }>;
}

/**
 * The relations that readiness could call "ask now": at least `minCriteria` ambassador criteria
 * met, nothing waiting, not asked since `askedAfter`, and a latest NPS answer of 9 or 10 or a
 * moment since `momentAfter`. A superset (readiness decides); it spares `today` the readiness of
 * every relation.
 */
export function askNowCandidates(db: Db, askedAfter: string, momentAfter: string, minCriteria: number): number[] {
  const met = CRITERIA.map((c) => `(r.${c.column} IS 1)`).join(' + ');
  return db
    .prepare(
      `SELECT r.id FROM relations r
       WHERE r.archived_at IS NULL AND ${met} >= @minCriteria
         AND NOT EXISTS (SELECT 1 FROM asks a WHERE a.relation_id = r.id AND a.asked_at > @askedAfter)
         AND NOT EXISTS (SELECT 1 FROM asks a JOIN referrals f INDEXED BY referrals_waiting ON f.ask_id = a.id
                         WHERE a.relation_id = r.id AND f.stage = 'asked')
         AND (EXISTS (SELECT 1 FROM moments m WHERE m.relation_id = r.id AND m.occurred_at > @momentAfter)
              OR EXISTS (SELECT 1 FROM nps_answers n WHERE n.relation_id = r.id AND n.score >= 9
                           AND n.answered_at = (SELECT max(answered_at) FROM nps_answers WHERE relation_id = r.id)))`,
    )
    .pluck()
    .all({ askedAfter, momentAfter, minCriteria }) as number[];
}
