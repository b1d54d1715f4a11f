// The figures of `refer stats`. Everything a user sees in `stats --json` is built here, so the
// shape below is the contract. Two ways in, one set of rules: `assembleStats` turns counts and
// medians (aggregated in SQL by src/db/repos/stats.ts on a large history) into the report, and
// `computeStats` aggregates plain rows the same way in memory and hands them to it.
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { UsageError } from '../errors.js';
import { BENCHMARKS, type Benchmark, type BenchmarkKey, type BenchmarkUnit, type ComparableMetric } from './benchmarks.js';
import { GROUP_BYS, PATH_STAGES, STAGES, type Channel, type GroupBy, type PathStage, type Stage } from './model.js';
import { npsClass, npsSummary, type NpsSummary } from './nps.js';
import { rate, wilson, type Interval, type Rate } from './wilson.js';

export { GROUP_BYS, type GroupBy };

/** What a report can be grouped by: `refer stats --by`, and the rep for `refer team stats --by rep`. */
export type ReportBy = GroupBy | 'rep';

/**
 * Fewer trials than this and a rate is too uncertain to compare with another. Two rates are
 * told apart only when both rest on at least this many trials AND their Wilson intervals do not
 * overlap (see `distinguishable`).
 */
export const MIN_TRIALS = 10;

// ---------------------------------------------------------------------------------------------
// Input

/** One referral (one connection named in an ask) with the first time it reached each path stage. */
export interface StatsReferral {
  id: number;
  askId: number;
  relationId: number;
  relationName: string;
  channel: Channel;
  template: string;
  /** ISO 8601 instant */
  askedAt: string;
  /** where it is now */
  stage: Stage;
  /** the furthest stage on the main path it ever reached */
  reached: PathStage;
  agreedAt?: string | null;
  introducedAt?: string | null;
  meetingAt?: string | null;
  opportunityAt?: string | null;
  wonAt?: string | null;
  closedAt?: string | null;
}

export interface StatsFollowup {
  dueAt: string;
  doneAt: string | null;
}

export interface StatsInput {
  referrals: readonly StatsReferral[];
  followups: readonly StatsFollowup[];
  /** each relation's latest NPS answer */
  latestNps: readonly { relationId: number; score: number }[];
  /** relations with at least one ask (ever), for the promoter ask rate */
  askedRelationIds: readonly number[];
}

export interface StatsOptions {
  /** --since: the first day of the period, as the Date of its local start (any instant of the day works); null: no start. */
  from: Date | null;
  /** --until: the LAST day of the period, as the Date of its local start; the whole day is included; null: no end. */
  to: Date | null;
  by?: GroupBy;
  now: Date;
}

/** The referrals of the period (or of one group), counted and measured. */
export interface FunnelAggregate {
  /** referrals by the furthest path stage they reached */
  reached: Record<PathStage, number>;
  /** referrals that are declined or lost now */
  declined: number;
  lost: number;
  /** the median of the milliseconds between two stages, over the referrals that have both; null without any */
  medianMs: Record<keyof MedianDays, number | null>;
}

export interface GroupAggregate extends FunnelAggregate {
  key: string;
  label: string;
}

/** What `assembleStats` needs: the period's figures already aggregated. */
export interface StatsAggregate {
  total: FunnelAggregate;
  /** one per group with `by` (any order); otherwise empty */
  groups: readonly GroupAggregate[];
  followups: FollowupStats;
  latestNps: StatsInput['latestNps'];
  askedRelationIds: StatsInput['askedRelationIds'];
}

/** A stretch of local time as stored instants: from `start` included to `end` excluded. */
export interface Span {
  key: string;
  start: string;
  end: string;
}

// ---------------------------------------------------------------------------------------------
// Output (the `stats --json` document)

type Rest<T extends readonly string[]> = T extends readonly [string, ...infer R extends string[]] ? R : never;
type StepKeys<T extends readonly string[]> =
  T extends readonly [infer A extends string, infer B extends string, ...infer R extends string[]]
    ? `${A}To${Capitalize<B>}` | StepKeys<[B, ...R]>
    : never;

/** agreed … won: every path stage after the ask. */
export type RateKey = Rest<typeof PATH_STAGES>[number];
/** askedToAgreed, agreedToIntroduced, … opportunityToWon */
export type StepKey = StepKeys<typeof PATH_STAGES>;

/** asked … won: referrals that reached the stage; declined, lost: referrals that are there now. */
export type Funnel = Record<Stage, number>;
/** Each path stage reached ÷ asked, 0..1; null when nothing was asked. */
export type Rates = Record<RateKey, number | null>;
/** Each path stage reached ÷ the previous one reached; null when the previous one is 0. */
export type Steps = Record<StepKey, number | null>;

export interface Count {
  count: number;
  of: number;
  /** "3/7" */
  text: string;
  /** 95 % Wilson interval; null when of = 0 */
  interval: Interval | null;
}
export type Counts = Record<RateKey | StepKey, Count>;

/** Median days between stages, to 0.1 day; null without data. */
export interface MedianDays {
  askToIntro: number | null;
  introToMeeting: number | null;
  askToWon: number | null;
}

export interface FollowupStats {
  /** due in the period and not in the future */
  due: number;
  /** of those, done on or before their local due day */
  doneOnTime: number;
  /** of those, not done and past their due time */
  overdue: number;
}

export interface PromoterAskRate {
  /** promoters who were asked */
  asked: number;
  /** relations whose latest NPS answer is 9 or 10 */
  promoters: number;
  /** asked ÷ promoters; null without promoters */
  rate: number | null;
}

/** Where the rep's figure stands against a benchmark, judged on its interval, not its point. */
export type Verdict = 'above' | 'below' | 'unclear';

export interface BenchmarkComparison {
  key: BenchmarkKey;
  name: string;
  value: number;
  unit: BenchmarkUnit;
  source: string;
  /** the rep's comparable figure (same unit as value); null when there is none or no data */
  yours: number | null;
  /** "3/7", or a signed NPS "+20"; null when there is none or no data */
  yoursText: string | null;
  interval: Interval | null;
  /**
   * above/below: the whole interval lies above/below the benchmark (for NPS: at least/under the
   * threshold with MIN_TRIALS answers or more); unclear: it straddles it or rests on too few.
   */
  verdict: Verdict | null;
}

export interface FunnelFigures {
  funnel: Funnel;
  rates: Rates;
  steps: Steps;
  counts: Counts;
  medianDays: MedianDays;
}

export interface StatsGroup extends FunnelFigures {
  /** relation id (as text), channel, template name or local month YYYY-MM */
  key: string;
  /** relation name; otherwise the key */
  label: string;
}

export interface StatsReport extends FunnelFigures {
  /** local date YYYY-MM-DD of the first day, or null */
  from: string | null;
  /** local date YYYY-MM-DD of the last day (included), or null */
  to: string | null;
  followups: FollowupStats;
  nps: NpsSummary;
  promoterAskRate: PromoterAskRate;
  benchmarks: BenchmarkComparison[];
  /** only with `by`: months in calendar order; otherwise most wins first, then highest agreement rate */
  groups: StatsGroup[];
  /** plain-words caveats */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------

const REACHED_STAGES = PATH_STAGES.slice(1) as RateKey[];
const DAY_MS = 86_400_000;

function stepKey(from: PathStage, to: RateKey): StepKey {
  return `${from}To${to.charAt(0).toUpperCase()}${to.slice(1)}` as StepKey;
}

function count(r: Rate): Count {
  return { count: r.count, of: r.of, text: r.text, interval: wilson(r.count, r.of) };
}

/** Two rates differ beyond chance: both rest on MIN_TRIALS or more and their intervals do not overlap. */
export function distinguishable(a: Pick<Rate, 'count' | 'of'>, b: Pick<Rate, 'count' | 'of'>): boolean {
  const ia = wilson(a.count, a.of);
  const ib = wilson(b.count, b.of);
  if (!ia || !ib || a.of < MIN_TRIALS || b.of < MIN_TRIALS) return false;
  return ia.high < ib.low || ib.high < ia.low;
}

/** The middle value, or the mean of the two middle ones (as SQLite's median() gives it). */
function median(values: number[]): number | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds to days, to 0.1 day. */
function toDays(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / DAY_MS) * 10) / 10;
}

type StageTime = 'askedAt' | 'introducedAt' | 'meetingAt' | 'wonAt';

/** Which stage times each median spans; the SQL of src/db/repos/stats.ts measures the same pairs. */
export const MEDIAN_SPANS: Record<keyof MedianDays, [StageTime, StageTime]> = {
  askToIntro: ['askedAt', 'introducedAt'],
  introToMeeting: ['introducedAt', 'meetingAt'],
  askToWon: ['askedAt', 'wonAt'],
};

function medianMs(referrals: readonly StatsReferral[], [start, end]: [StageTime, StageTime]): number | null {
  const ms: number[] = [];
  for (const r of referrals) {
    const from = r[start];
    const to = r[end];
    if (from && to) ms.push(Date.parse(to) - Date.parse(from));
  }
  return median(ms);
}

/** An empty count of referrals by the furthest stage reached. */
export function noneReached(): Record<PathStage, number> {
  return Object.fromEntries(PATH_STAGES.map((s) => [s, 0])) as Record<PathStage, number>;
}

/** Counts and measures rows in memory, as the SQL of src/db/repos/stats.ts does in the database. */
function aggregate(referrals: readonly StatsReferral[]): FunnelAggregate {
  const reached = noneReached();
  let declined = 0;
  let lost = 0;
  for (const r of referrals) {
    reached[r.reached] += 1;
    if (r.stage === 'declined') declined += 1;
    if (r.stage === 'lost') lost += 1;
  }
  const medians = Object.fromEntries(
    Object.entries(MEDIAN_SPANS).map(([key, span]) => [key, medianMs(referrals, span)]),
  ) as FunnelAggregate['medianMs'];
  return { reached, declined, lost, medianMs: medians };
}

/** The funnel and everything derived from it, for the whole period or one group. */
function funnelFigures(agg: FunnelAggregate): FunnelFigures {
  // A referral that reached a stage passed every stage before it.
  const funnel = Object.fromEntries(STAGES.map((s) => [s, 0])) as Funnel;
  for (const [i, stage] of PATH_STAGES.entries()) {
    for (const later of PATH_STAGES.slice(i)) funnel[stage] += agg.reached[later];
  }
  funnel.declined = agg.declined;
  funnel.lost = agg.lost;

  const rates = {} as Rates;
  const steps = {} as Steps;
  const counts = {} as Counts;
  for (const [i, stage] of REACHED_STAGES.entries()) {
    const previous = PATH_STAGES[i]!; // REACHED_STAGES is PATH_STAGES shifted by one
    const overAsked = rate(funnel[stage], funnel.asked);
    const overPrevious = rate(funnel[stage], funnel[previous]);
    const step = stepKey(previous, stage);
    rates[stage] = overAsked.value;
    steps[step] = overPrevious.value;
    counts[stage] = count(overAsked);
    counts[step] = count(overPrevious);
  }

  return {
    funnel,
    rates,
    steps,
    counts,
    medianDays: {
      askToIntro: toDays(agg.medianMs.askToIntro),
      introToMeeting: toDays(agg.medianMs.introToMeeting),
      askToWon: toDays(agg.medianMs.askToWon),
    },
  };
}

function groupOf(r: StatsReferral, by: GroupBy): { key: string; label: string } {
  switch (by) {
    case 'relation':
      return { key: String(r.relationId), label: r.relationName };
    case 'channel':
      return { key: r.channel, label: r.channel };
    case 'template':
      return { key: r.template, label: r.template };
    case 'month': {
      const month = format(new Date(r.askedAt), 'yyyy-MM');
      return { key: month, label: month };
    }
  }
}

function aggregateGroups(referrals: readonly StatsReferral[], by: GroupBy): GroupAggregate[] {
  const members = new Map<string, { label: string; rows: StatsReferral[] }>();
  for (const r of referrals) {
    const { key, label } = groupOf(r, by);
    const group = members.get(key) ?? { label, rows: [] };
    group.rows.push(r);
    members.set(key, group);
  }
  return [...members].map(([key, { label, rows }]) => ({ key, label, ...aggregate(rows) }));
}

function groupFigures(aggregates: readonly GroupAggregate[], by: ReportBy): StatsGroup[] {
  const groups = aggregates
    .filter((g) => PATH_STAGES.some((s) => g.reached[s] > 0)) // a month without asks is no row
    .map(({ key, label, ...agg }) => ({ key, label, ...funnelFigures(agg) }));
  if (by === 'month') return groups.sort((a, b) => a.key.localeCompare(b.key)); // a timeline, not a ranking
  return groups.sort(byPerformance);
}

/** Most wins first, then the highest agreement rate; then more asks, then by name, for a stable order. */
function byPerformance(a: StatsGroup, b: StatsGroup): number {
  return (
    b.funnel.won - a.funnel.won ||
    (b.rates.agreed ?? 0) - (a.rates.agreed ?? 0) ||
    b.funnel.asked - a.funnel.asked ||
    a.label.localeCompare(b.label) ||
    a.key.localeCompare(b.key)
  );
}

/**
 * The caveat for a comparison between groups: the best and the worst group (by wins, then
 * agreement) are compared on their win rate and their agreement rate; no note when either differs
 * beyond chance.
 */
function groupNote(groups: readonly StatsGroup[], by: ReportBy, asked: number): string | null {
  const ranked = [...groups].sort(byPerformance);
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  if (!best || !worst || best === worst) return null;
  if (distinguishable(best.counts.won, worst.counts.won) || distinguishable(best.counts.agreed, worst.counts.agreed)) {
    return null;
  }
  const tooFew = `too few to tell whether one ${by} works better than another.`;
  if (asked < MIN_TRIALS) return `Only ${plural(asked, 'ask')} so far: ${tooFew}`;
  const smaller = best.funnel.asked <= worst.funnel.asked ? best : worst;
  if (smaller.funnel.asked < MIN_TRIALS) return `Only ${plural(smaller.funnel.asked, 'ask')} for ${smaller.label}: ${tooFew}`;
  return (
    `${best.label} and ${worst.label} still overlap (agreed ${best.counts.agreed.text} against ` +
    `${worst.counts.agreed.text}, won ${best.counts.won.text} against ${worst.counts.won.text}): ` +
    `the difference between the best and the worst ${by} may be chance.`
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function compareBenchmarks(
  figures: Record<Exclude<ComparableMetric, 'npsScore'>, Rate>,
  nps: NpsSummary,
): BenchmarkComparison[] {
  const list: readonly Benchmark[] = BENCHMARKS;
  return list.map((b) => {
    const base = { key: b.key as BenchmarkKey, name: b.name, value: b.value, unit: b.unit, source: b.source };
    const none = { yours: null, yoursText: null, interval: null, verdict: null };
    if (!b.compareTo) return { ...base, ...none };
    if (b.compareTo === 'npsScore') {
      if (nps.score === null) return { ...base, ...none };
      const verdict: Verdict = nps.responses < MIN_TRIALS ? 'unclear' : nps.score >= b.value ? 'above' : 'below';
      return { ...base, yours: nps.score, yoursText: signed(nps.score), interval: null, verdict };
    }
    const mine = figures[b.compareTo];
    const interval = wilson(mine.count, mine.of);
    if (!interval) return { ...base, ...none };
    const verdict: Verdict = interval.low > b.value ? 'above' : interval.high < b.value ? 'below' : 'unclear';
    return { ...base, yours: mine.value, yoursText: mine.text, interval, verdict };
  });
}

/** The end of the local day of an instant: a follow-up done any time on its due day is on time. */
function nextLocalMidnight(iso: string): number {
  return addDays(startOfDay(new Date(iso)), 1).getTime();
}

/**
 * The period as stored instants: from the local start of `from`'s day up to (not including) the
 * local midnight that ends `to`'s day, so an ask made late on the --until day counts.
 */
export function statsPeriod(from: Date | null, to: Date | null): { start: string | null; end: string | null } {
  const start = from ? startOfDay(from) : null;
  const end = to ? addDays(startOfDay(to), 1) : null;
  if (start && end && start >= end) {
    throw new UsageError(`--since ${localDate(from)} is after --until ${localDate(to)}`);
  }
  return { start: start?.toISOString() ?? null, end: end?.toISOString() ?? null };
}

/** The local days that hold the instants `first` … `last`, each as the instants it spans. */
export function localDays(first: string, last: string): Span[] {
  const days: Span[] = [];
  for (let day = startOfDay(new Date(first)); day.toISOString() <= last; ) {
    const next = addDays(day, 1);
    days.push({ key: format(day, 'yyyy-MM-dd'), start: day.toISOString(), end: next.toISOString() });
    day = next;
  }
  return days;
}

/** The local months that hold the instants `first` … `last` (keys YYYY-MM, as `--by month` names them). */
export function localMonths(first: string, last: string): Span[] {
  const months: Span[] = [];
  const f = new Date(first);
  for (let month = new Date(f.getFullYear(), f.getMonth(), 1); month.toISOString() <= last; ) {
    const next = new Date(month.getFullYear(), month.getMonth() + 1, 1);
    months.push({ key: format(month, 'yyyy-MM'), start: month.toISOString(), end: next.toISOString() });
    month = next;
  }
  return months;
}

function localDate(d: Date | null): string | null {
  return d ? format(d, 'yyyy-MM-dd') : null;
}

/**
 * Compute the stats report from rows. The funnel, the medians and the groups cover the referrals
 * ASKED in the period (see `statsPeriod`). Follow-ups count when due in the period and not after
 * `now`. NPS and the promoter ask rate describe the relation base as it is now.
 */
export function computeStats(input: StatsInput, opts: StatsOptions): StatsReport {
  const { start, end } = statsPeriod(opts.from, opts.to);
  const [from, to] = [start === null ? -Infinity : Date.parse(start), end === null ? Infinity : Date.parse(end)];
  const inPeriod = (iso: string): boolean => {
    const t = Date.parse(iso);
    return t >= from && t < to;
  };

  const referrals = input.referrals.filter((r) => inPeriod(r.askedAt));
  const now = opts.now.getTime();
  const due = input.followups.filter((f) => inPeriod(f.dueAt) && Date.parse(f.dueAt) <= now);
  return assembleStats(
    {
      total: aggregate(referrals),
      groups: opts.by ? aggregateGroups(referrals, opts.by) : [],
      followups: {
        due: due.length,
        doneOnTime: due.filter((f) => f.doneAt !== null && Date.parse(f.doneAt) < nextLocalMidnight(f.dueAt)).length,
        overdue: due.filter((f) => f.doneAt === null && Date.parse(f.dueAt) < now).length,
      },
      latestNps: input.latestNps,
      askedRelationIds: input.askedRelationIds,
    },
    opts,
  );
}

/** The report from figures already aggregated (in SQL or by computeStats). */
export function assembleStats(agg: StatsAggregate, opts: Omit<StatsOptions, 'by'> & { by?: ReportBy }): StatsReport {
  statsPeriod(opts.from, opts.to);
  const figures = funnelFigures(agg.total);
  const { funnel } = figures;
  const { followups } = agg;

  const nps = npsSummary(agg.latestNps.map((a) => a.score));
  const asked = new Set(agg.askedRelationIds);
  const promoterIds = agg.latestNps.filter((a) => npsClass(a.score) === 'promoter').map((a) => a.relationId);
  const promotersAsked = rate(promoterIds.filter((id) => asked.has(id)).length, promoterIds.length);
  const promoterAskRate: PromoterAskRate = {
    asked: promotersAsked.count,
    promoters: promotersAsked.of,
    rate: promotersAsked.value,
  };

  const benchmarks = compareBenchmarks(
    {
      askToWon: rate(funnel.won, funnel.asked),
      askToAgreed: rate(funnel.agreed, funnel.asked),
      introducedToWon: rate(funnel.won, funnel.introduced),
      promoterAskRate: promotersAsked,
    },
    nps,
  );

  const groups = opts.by ? groupFigures(agg.groups, opts.by) : [];

  const notes: string[] = [];
  if (funnel.asked === 0) notes.push('No referrals were asked in this period.');
  else if (funnel.asked < MIN_TRIALS) {
    notes.push(
      `Only ${plural(funnel.asked, 'ask')} in this period: too few for the rates to say much; ` +
        'read the ranges, not the percentages.',
    );
  }
  const groupCaveat = opts.by ? groupNote(groups, opts.by, funnel.asked) : null;
  if (groupCaveat) notes.push(groupCaveat);
  if (nps.responses === 0) notes.push('No NPS answers yet, so there is no NPS and no list of promoters to ask.');
  else if (nps.responses < MIN_TRIALS) notes.push(`The NPS rests on only ${plural(nps.responses, 'answer')}.`);

  return {
    from: localDate(opts.from),
    to: localDate(opts.to),
    ...figures,
    followups,
    nps,
    promoterAskRate,
    benchmarks,
    groups,
    notes,
  };
}
