import type { Db } from '../open.js';
import type { Stage } from '../../core/model.js';
import type { StageFields } from '../../core/stages.js';
import { NotFoundError, UsageError } from '../../errors.js';

export interface ReferralRow extends StageFields {
  id: number;
  askId: number;
  connectionId: number;
  connection: string;
  relationId: number;
  relation: string;
  askedAt: string;
  value: number | null;
  /** when its latest history event happened (the ask itself at first); a new event may not come before it */
  lastEventAt: string;
}

const SELECT = `SELECT f.id, f.ask_id AS askId, f.connection_id AS connectionId, c.name AS connection, a.relation_id AS relationId,
  r.name AS relation, f.stage, f.reached, f.asked_at AS askedAt, f.agreed_at AS agreedAt, f.introduced_at AS introducedAt,
  f.meeting_at AS meetingAt, f.opportunity_at AS opportunityAt, f.won_at AS wonAt, f.closed_at AS closedAt, f.value,
  coalesce((SELECT max(e.at) FROM referral_events e WHERE e.referral_id = f.id), f.asked_at) AS lastEventAt
  FROM referrals f JOIN asks a ON a.id = f.ask_id JOIN connections c ON c.id = f.connection_id JOIN relations r ON r.id = a.relation_id`;

export function getReferral(db: Db, id: number): ReferralRow | undefined {
  return db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as ReferralRow | undefined;
}

/** A referral named by its id. */
export function resolveReferral(db: Db, ref: string): ReferralRow {
  const text = ref.trim();
  if (!/^\d+$/.test(text)) throw new UsageError(`a referral is named by its id (a number), got "${ref}"`);
  const row = getReferral(db, Number(text));
  if (!row) throw new NotFoundError(`no referral with id ${text}; \`refer relation show REL\` lists a relation's referrals`);
  return row;
}

export function referralsOfAsk(db: Db, askId: number): ReferralRow[] {
  return db.prepare(`${SELECT} WHERE f.ask_id = ? ORDER BY f.id`).all(askId) as ReferralRow[];
}

/**
 * Writes a move that the stage machine allowed: the new row fields (from applyMove) and one
 * history event. The caller runs it in a transaction and checks the rules first.
 */
export function recordMove(
  db: Db,
  id: number,
  fields: StageFields,
  event: { stage: Stage; at: string; value: number | null; note: string | null; forced: boolean },
  now: Date,
): void {
  db.prepare(
    `UPDATE referrals SET stage = @stage, reached = @reached, agreed_at = @agreedAt, introduced_at = @introducedAt,
       meeting_at = @meetingAt, opportunity_at = @opportunityAt, won_at = @wonAt, closed_at = @closedAt,
       value = coalesce(@value, value), updated_at = @now WHERE id = @id`,
  ).run({ ...fields, value: event.value, now: now.toISOString(), id });
  db.prepare('INSERT INTO referral_events (referral_id, stage, at, value, note, forced, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    event.stage,
    event.at,
    event.value,
    event.note,
    event.forced ? 1 : 0,
    now.toISOString(),
  );
}
