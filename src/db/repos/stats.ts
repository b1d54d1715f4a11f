// What `refer stats` reads: exactly the input of computeStats (src/core/stats.ts), filtered to the
// period in SQL so a long history is read only where it matters. Referrals, follow-ups and asks
// are read from covering indexes (test/db/query-plans.test.ts), never from their wide rows.
import type { Db } from '../open.js';
import type { StatsFollowup, StatsInput, StatsReferral } from '../../core/stats.js';
import type { Channel, PathStage, Stage } from '../../core/model.js';

/** Instants as stored (ISO UTC): from `start` included up to `end` excluded; null: open. */
export interface StatsPeriod {
  start: string | null;
  end: string | null;
}

type ReferralRow = [id: number, askId: number, stage: Stage, reached: PathStage, askedAt: string, introducedAt: string | null, meetingAt: string | null, wonAt: string | null];
type AskRow = [id: number, relationId: number, channel: Channel, template: string];

/** `column >= start AND column < end`, leaving out the open ends (a range the index can seek). */
function within(column: string, period: StatsPeriod): string {
  const parts = [period.start === null ? null : `${column} >= @start`, period.end === null ? null : `${column} < @end`].filter(Boolean);
  return parts.length ? parts.join(' AND ') : '1';
}

/** The statements, exported for the query-plan test. */
export function statsSql(period: StatsPeriod) {
  return {
    // Only what computeStats reads; the ask's fields come from `asks` below, joined in memory
    // (a join per referral would cost an ask lookup each).
    referrals: `SELECT id, ask_id, stage, reached, asked_at, introduced_at, meeting_at, won_at FROM referrals
      WHERE ${within('asked_at', period)}`,
    // The relation, channel and template of the referral asks in the period; a referral named
    // in an ask of another kind (a quote, a review) has none and is left out.
    asks: `SELECT id, relation_id, channel, template FROM asks WHERE kind = 'referral'${
      period.start === null && period.end === null ? '' : ` AND id IN (SELECT ask_id FROM referrals WHERE ${within('asked_at', period)})`
    }`,
    // For the promoter ask rate: relations ever asked for a referral.
    askedRelations: `SELECT DISTINCT relation_id FROM asks WHERE kind = 'referral'`,
    relations: `SELECT id, name FROM relations`,
    // Due in the period and not ahead of now (computeStats applies the same rule).
    followups: `SELECT due_at AS dueAt, done_at AS doneAt FROM followups WHERE ${within('due_at', period)} AND due_at <= @now`,
    // Each current relation's latest answer; archived relations have left the base.
    latestNps: `SELECT r.id AS relationId, n.score FROM relations r
      JOIN nps_answers n ON n.id = (SELECT m.id FROM nps_answers m WHERE m.relation_id = r.id ORDER BY m.answered_at DESC, m.id DESC LIMIT 1)
      WHERE r.archived_at IS NULL`,
  };
}

/** The input of computeStats for the referrals asked and the follow-ups due in `period`. */
export function loadStatsInput(db: Db, period: StatsPeriod, now: Date): StatsInput {
  const sql = statsSql(period);
  const params = { ...period, now: now.toISOString() };

  const asks = new Map((db.prepare(sql.asks).raw().all(params) as AskRow[]).map((a) => [a[0], a]));
  const names = new Map(db.prepare(sql.relations).raw().all() as Array<[number, string]>);

  const referrals: StatsReferral[] = [];
  for (const [id, askId, stage, reached, askedAt, introducedAt, meetingAt, wonAt] of db
    .prepare(sql.referrals)
    .raw()
    .all(params) as ReferralRow[]) {
    const ask = asks.get(askId);
    if (!ask) continue; // named in an ask of another kind
    const [, relationId, channel, template] = ask;
    referrals.push({
      id,
      askId,
      relationId,
      relationName: names.get(relationId) ?? '',
      channel,
      template,
      askedAt,
      stage,
      reached,
      introducedAt,
      meetingAt,
      wonAt,
    });
  }

  return {
    referrals,
    followups: db.prepare(sql.followups).all(params) as StatsFollowup[],
    latestNps: db.prepare(sql.latestNps).all() as StatsInput['latestNps'],
    askedRelationIds: db.prepare(sql.askedRelations).pluck().all() as number[],
  };
}
