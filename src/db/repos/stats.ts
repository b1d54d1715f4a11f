// What `refer stats` reads: the period's figures aggregated in SQL (counts and medians per group),
// for assembleStats (src/core/stats.ts), so a long history is never loaded row by row. The rules
// (what counts as reached, which times a median spans, where a local day or month begins) stay in
// src/core/stats.ts; test/db/stats-sql.test.ts checks this file against computeStats over the rows.
// Every query reads covering indexes only (test/db/query-plans.test.ts).
import type { Db } from '../open.js';
import {
  localDays,
  localMonths,
  MEDIAN_SPANS,
  noneReached,
  type FunnelAggregate,
  type GroupAggregate,
  type GroupBy,
  type StatsAggregate,
  type StatsInput,
} from '../../core/stats.js';
import { PATH_STAGES } from '../../core/model.js';

/** Instants as stored (ISO UTC): from `start` included up to `end` excluded; null: open. */
export interface StatsPeriod {
  start: string | null;
  end: string | null;
}

const COLUMN = { askedAt: 'asked_at', introducedAt: 'introduced_at', meetingAt: 'meeting_at', wonAt: 'won_at' } as const;

/**
 * Milliseconds between two stage times, exactly as Date.parse would give them. The text must
 * match the expressions of the indexes referrals_stats (001_initial.ts) and referrals_funnel
 * (002_referral_ask_kind.ts), which store them.
 */
export const MEDIAN_SQL = Object.fromEntries(
  Object.entries(MEDIAN_SPANS).map(([key, [from, to]]) => [key, `round((julianday(${COLUMN[to]}) - julianday(${COLUMN[from]})) * 86400000)`]),
) as Record<keyof typeof MEDIAN_SPANS, string>;

/** The column each `--by` groups on, in the order of an index, so SQLite groups without sorting. */
const GROUP_COLUMN = { relation: 'a.relation_id', channel: 'a.channel', template: 'a.template' } as const;

/** `column >= start AND column < end`, leaving out the open ends (a range the index can seek). */
function within(column: string, period: StatsPeriod): string {
  const parts = [period.start === null ? null : `${column} >= @start`, period.end === null ? null : `${column} < @end`].filter(Boolean);
  return parts.length ? parts.join(' AND ') : '1';
}

/** The funnel counts and medians of the referral asks' referrals, per group or in total. */
function funnelSql(period: StatsPeriod, group: string | null): string {
  const measures = [
    ...PATH_STAGES.map((s) => `count(*) FILTER (WHERE r.reached = '${s}')`),
    `count(*) FILTER (WHERE r.stage = 'declined')`,
    `count(*) FILTER (WHERE r.stage = 'lost')`,
    ...Object.values(MEDIAN_SQL).map((d) => `median(${d.replaceAll(/\b(\w+_at)\b/g, 'r.$1')})`),
  ];
  // Only referral asks count (a referral named in a quote or review ask does not). In total, one
  // range of referrals_funnel, which keeps each referral's ask kind and the measured times; per
  // relation, channel or template, driven from the referral asks in the order of the group (an
  // index of asks), each ask's referrals one seek in referrals_stats.
  return group
    ? `SELECT ${group}, ${measures.join(', ')}
    FROM asks a JOIN referrals r ON r.ask_id = a.id
    WHERE a.kind = 'referral' AND ${within('r.asked_at', period)} GROUP BY ${group}`
    : `SELECT NULL, ${measures.join(', ')}
    FROM referrals r WHERE r.ask_kind = 'referral' AND ${within('r.asked_at', period)}`;
}

/** The statements, exported for the query-plan test. */
export function statsSql(period: StatsPeriod) {
  return {
    total: funnelSql(period, null),
    byrelation: funnelSql(period, GROUP_COLUMN.relation),
    bychannel: funnelSql(period, GROUP_COLUMN.channel),
    bytemplate: funnelSql(period, GROUP_COLUMN.template),
    relationNames: `SELECT id, name FROM relations WHERE id IN (SELECT value FROM json_each(@ids))`,
    // The first and last ask of the period, to lay out its local months.
    askSpan: `SELECT (SELECT min(asked_at) FROM referrals WHERE ${within('asked_at', period)}),
      (SELECT max(asked_at) FROM referrals WHERE ${within('asked_at', period)})`,
    // Due in the period and not ahead of now (computeStats applies the same rule).
    followups: `SELECT count(*), count(*) FILTER (WHERE done_at IS NULL AND due_at < @now)
      FROM followups WHERE ${within('due_at', period)} AND due_at <= @now`,
    dueSpan: `SELECT (SELECT min(due_at) FROM followups WHERE ${within('due_at', period)} AND due_at <= @now),
      (SELECT max(due_at) FROM followups WHERE ${within('due_at', period)} AND due_at <= @now)`,
    // Done before the local midnight that ends the due day: @days holds each local day's
    // [start, end) as instants (computed in src/core/stats.ts), one index range per day. CROSS
    // JOIN keeps the few days outside; the unary + keeps the period and @now out of the seek, or
    // SQLite would take @now as each day's upper bound and read on to it.
    doneOnTime: `WITH d (start, end) AS (SELECT value ->> 0, value ->> 1 FROM json_each(@days))
      SELECT count(*) FROM d CROSS JOIN followups f ON f.due_at >= d.start AND f.due_at < d.end
      WHERE f.done_at < d.end AND ${within('+f.due_at', period)} AND +f.due_at <= @now`,
    // For the promoter ask rate: relations ever asked for a referral.
    askedRelations: `SELECT DISTINCT relation_id FROM asks WHERE kind = 'referral'`,
    // Each current relation's latest answer; archived relations have left the base.
    latestNps: `SELECT r.id AS relationId, n.score FROM relations r
      JOIN nps_answers n ON n.id = (SELECT m.id FROM nps_answers m WHERE m.relation_id = r.id ORDER BY m.answered_at DESC, m.id DESC LIMIT 1)
      WHERE r.archived_at IS NULL`,
  };
}

type FunnelRow = [key: string | number | null, ...counts: number[]];

function toAggregate(row: FunnelRow): FunnelAggregate {
  const reached = noneReached();
  PATH_STAGES.forEach((s, i) => (reached[s] = row[1 + i] as number));
  const [declined, lost, askToIntro, introToMeeting, askToWon] = row.slice(1 + PATH_STAGES.length) as Array<number | null>;
  return { reached, declined: declined!, lost: lost!, medianMs: { askToIntro: askToIntro ?? null, introToMeeting: introToMeeting ?? null, askToWon: askToWon ?? null } };
}

function funnel(db: Db, period: StatsPeriod, sql: string): FunnelRow[] {
  return db.prepare(sql).raw().all(period) as FunnelRow[];
}

function groups(db: Db, period: StatsPeriod, by: GroupBy): GroupAggregate[] {
  if (by === 'month') {
    const [first, last] = db.prepare(statsSql(period).askSpan).raw().get(period) as [string | null, string | null];
    if (first === null || last === null) return [];
    return localMonths(first, last).map((m) => {
      const inMonth = {
        start: period.start === null || m.start > period.start ? m.start : period.start,
        end: period.end === null || m.end < period.end ? m.end : period.end,
      };
      return { key: m.key, label: m.key, ...toAggregate(funnel(db, inMonth, statsSql(inMonth).total)[0]!) };
    });
  }
  const rows = funnel(db, period, statsSql(period)[`by${by}`]);
  if (by !== 'relation') return rows.map((row) => ({ key: String(row[0]), label: String(row[0]), ...toAggregate(row) }));
  const names = new Map(db.prepare(statsSql(period).relationNames).raw().all({ ids: JSON.stringify(rows.map((r) => r[0])) }) as Array<[number, string]>);
  return rows.map((row) => ({ key: String(row[0]), label: names.get(row[0] as number) ?? '', ...toAggregate(row) }));
}

/** The figures of the referrals asked and the follow-ups due in `period`, aggregated. */
export function loadStatsAggregate(db: Db, period: StatsPeriod, now: Date, by?: GroupBy): StatsAggregate {
  const sql = statsSql(period);
  const params = { ...period, now: now.toISOString() };

  const [due, overdue] = db.prepare(sql.followups).raw().get(params) as [number, number];
  const [firstDue, lastDue] = db.prepare(sql.dueSpan).raw().get(params) as [string | null, string | null];
  const days = firstDue === null || lastDue === null ? [] : localDays(firstDue, lastDue).map((d) => [d.start, d.end]);
  const doneOnTime = days.length ? (db.prepare(sql.doneOnTime).pluck().get({ ...params, days: JSON.stringify(days) }) as number) : 0;

  return {
    total: toAggregate(funnel(db, period, sql.total)[0]!),
    groups: by ? groups(db, period, by) : [],
    followups: { due, doneOnTime, overdue },
    latestNps: db.prepare(sql.latestNps).all() as StatsInput['latestNps'],
    askedRelationIds: db.prepare(sql.askedRelations).pluck().all() as number[],
  };
}
