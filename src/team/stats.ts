// What `refer team stats` reads: the team's funnel aggregated by PostgreSQL from every rep's shared
// asks and referrals, in ONE statement whatever the number of reps: the counts and the three
// medians in total and per group (GROUPING SETS), and the relations' latest NPS answers counted by
// score. The rules are those of the SQLite path (src/db/repos/stats.ts): only referral asks count,
// a referral belongs to the period of its ask, a median is the middle value or the mean of the two
// middle ones (percentile_cont(0.5), as SQLite's median()), months are local months. The result
// goes through the same assembly as `refer stats` (assembleStats in src/core/stats.ts).
import type { Client } from 'pg';
import { PATH_STAGES } from '../core/model.js';
import { MEDIAN_SPANS, noneReached, type FunnelAggregate, type GroupAggregate, type StatsAggregate } from '../core/stats.js';

export const TEAM_GROUP_BYS = ['rep', 'template', 'channel', 'month'] as const;
export type TeamGroupBy = (typeof TEAM_GROUP_BYS)[number];

export interface TeamStatsPeriod {
  /** ISO instants: from `start` included to `end` excluded; null: open */
  start: string | null;
  end: string | null;
}

const COLUMN = { askedAt: 'asked_at', introducedAt: 'introduced_at', meetingAt: 'meeting_at', wonAt: 'won_at' } as const;

/** Milliseconds between two stage times (NULL when either is missing), as Date.parse would give them. */
const MEDIAN_PG = Object.values(MEDIAN_SPANS).map(
  ([from, to]) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.${COLUMN[to]} - f.${COLUMN[from]}) * 1000)`,
);

/** The expression each --by groups on; $3 is the rep's time zone (local months, as `refer stats --by month`). */
const GROUP_EXPR: Record<TeamGroupBy, string> = {
  rep: 'f.rep::text',
  template: 'a.template',
  channel: 'a.channel',
  month: `to_char(f.asked_at AT TIME ZONE $3, 'YYYY-MM')`,
};

/** The statement, exported for the plan check of the bench: $1 start, $2 end (NULL: open), $3 time zone. */
export function teamStatsSql(by: TeamGroupBy | undefined): string {
  const group = by ? GROUP_EXPR[by] : 'NULL::text';
  const measures = [
    ...PATH_STAGES.map((s) => `count(*) FILTER (WHERE f.reached = '${s}')`),
    `count(*) FILTER (WHERE f.stage = 'declined')`,
    `count(*) FILTER (WHERE f.stage = 'lost')`,
    ...MEDIAN_PG,
  ];
  const sets = by ? 'GROUPING SETS ((), (1))' : '()';
  return `WITH funnel AS (
  SELECT ${group} AS key, ${by ? 'GROUPING(' + group + ')' : '1'} AS total, ${measures.join(',\n    ')}
  FROM refer.referrals f JOIN refer.asks a ON a.rep = f.rep AND a.id = f.ask_id
  WHERE a.kind = 'referral' AND ($1::timestamptz IS NULL OR f.asked_at >= $1) AND ($2::timestamptz IS NULL OR f.asked_at < $2)
    AND $3::text IS NOT NULL
  GROUP BY ${sets}
), nps AS (
  SELECT r.nps_score AS score, count(*) AS n,
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM refer.asks a WHERE a.rep = r.rep AND a.relation_id = r.id AND a.kind = 'referral')) AS asked
  FROM refer.relations r WHERE r.nps_score IS NOT NULL GROUP BY r.nps_score
)
SELECT (SELECT coalesce(json_agg(json_build_array(${['key', 'total', ...measures.map((_, i) => `m${i}`)].join(', ')})), '[]') FROM funnel AS t(key, total, ${measures.map((_, i) => `m${i}`).join(', ')})) AS funnel,
       (SELECT coalesce(json_agg(json_build_array(score, n, asked)), '[]') FROM nps) AS nps,
       (SELECT count(*) FROM (SELECT 1 FROM refer.asks WHERE kind = 'referral' LIMIT 1) x) AS asked,
       (SELECT coalesce(json_object_agg(rep::text, name), '{}') FROM refer.reps) AS reps`;
}

type FunnelRow = [key: string | null, total: number, ...measures: Array<number | null>];

function toAggregate(row: FunnelRow): FunnelAggregate {
  const reached = noneReached();
  PATH_STAGES.forEach((s, i) => (reached[s] = Number(row[2 + i])));
  const [declined, lost, askToIntro, introToMeeting, askToWon] = row.slice(2 + PATH_STAGES.length) as Array<number | null>;
  return {
    reached,
    declined: Number(declined),
    lost: Number(lost),
    medianMs: { askToIntro: askToIntro ?? null, introToMeeting: introToMeeting ?? null, askToWon: askToWon ?? null },
  };
}

/**
 * The latest NPS answers and the relations asked, in the shape assembleStats takes: the server
 * counts them by score, with how many of each were asked for a referral; each relation stands in
 * as a number (two reps' ids may be the same). Of the relations asked, assembleStats needs only the
 * promoters among them and whether there is any.
 */
function npsInput(nps: Array<[score: number, n: number, asked: number]>, asked: number): Pick<StatsAggregate, 'latestNps' | 'askedRelationIds'> {
  const latestNps: StatsAggregate['latestNps'][number][] = [];
  const askedRelationIds: number[] = [];
  let id = 0;
  for (const [score, n, k] of nps) {
    for (let i = 0; i < Number(n); i++, id++) {
      latestNps.push({ relationId: id, score });
      if (i < Number(k)) askedRelationIds.push(id);
    }
  }
  // whether anyone was asked at all (`asked` is 1 then): only the promoters asked are counted
  if (Number(asked) > 0 && askedRelationIds.length === 0) askedRelationIds.push(id++);
  return { latestNps, askedRelationIds };
}

export interface TeamStats {
  aggregate: StatsAggregate;
  /** the reps in the team database: role → name */
  reps: Record<string, string>;
}

/** The team's figures of the period, in one statement. */
export async function loadTeamStats(client: Client, period: TeamStatsPeriod, by: TeamGroupBy | undefined, timeZone: string): Promise<TeamStats> {
  // One read-only transaction: one snapshot of every rep's rows; memory for the medians' sorts and
  // no JIT compilation (it costs more than it saves on one aggregation), for this statement only.
  // Over the whole history the referrals and their asks are best read both in (rep, ask) order
  // from the covering indexes of server migration 2 and merged: the planner's hash join or nested
  // loop took half as long again (bench: test/bench/team-stats.ts). A period is left to the planner.
  const whole = period.start === null && period.end === null;
  await client.query(
    "BEGIN READ ONLY; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'" + (whole ? '; SET LOCAL enable_hashjoin = off; SET LOCAL enable_nestloop = off' : ''),
  );
  let result;
  try {
    result = await client.query({ text: teamStatsSql(by), values: [period.start, period.end, timeZone], rowMode: 'array' });
  } finally {
    await client.query('COMMIT').catch(() => {});
  }
  const [funnel, nps, asked, reps] = result.rows[0] as [FunnelRow[], Array<[number, number, number]>, string, Record<string, string>];
  const total = funnel.find((r) => Number(r[1]) === 1);
  const groups: GroupAggregate[] = funnel
    .filter((r) => Number(r[1]) === 0)
    .map((r) => {
      const key = String(r[0]);
      return { key, label: by === 'rep' ? (reps[key] ?? key) : key, ...toAggregate(r) };
    });
  const empty: FunnelRow = [null, 1, ...PATH_STAGES.map(() => 0), 0, 0, null, null, null];
  return {
    aggregate: {
      total: toAggregate(total ?? empty),
      groups,
      // follow-ups are never shared: a rep's own `refer stats` has them
      followups: { due: 0, doneOnTime: 0, overdue: 0 },
      ...npsInput(nps, Number(asked)),
    },
    reps,
  };
}
