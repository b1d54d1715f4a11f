import type { Context } from '../context.js';
import { assembleStats, noneReached, statsPeriod, type GroupBy, type StatsAggregate } from '../core/stats.js';
import { loadStatsAggregate } from '../db/repos/stats.js';
import { UsageError } from '../errors.js';

interface StatsFlags {
  since?: string;
  until?: string;
  by?: GroupBy;
  csv?: boolean;
}

const NOTHING: StatsAggregate = {
  total: { reached: noneReached(), declined: 0, lost: 0, medianMs: { askToIntro: null, introToMeeting: null, askToWon: null } },
  groups: [],
  followups: { due: 0, doneOnTime: 0, overdue: 0 },
  latestNps: [],
  askedRelationIds: [],
};

/** --since and --until as days; the date parser (chrono) loads only when one is given. */
export async function readPeriod(opts: Pick<StatsFlags, 'since' | 'until'>, now: Date): Promise<{ from: Date | null; to: Date | null }> {
  if (opts.since === undefined && opts.until === undefined) return { from: null, to: null };
  const { parseDateArg } = await import('../core/when.js');
  return {
    from: opts.since === undefined ? null : parseDateArg(opts.since, now, { flag: '--since' }),
    to: opts.until === undefined ? null : parseDateArg(opts.until, now, { flag: '--until' }),
  };
}

export default async function stats(ctx: Context, _args: string[], opts: StatsFlags): Promise<void> {
  if (opts.csv && ctx.json) throw new UsageError('--csv and --json are two formats of the output; choose one');
  const now = ctx.now();
  const { from, to } = await readPeriod(opts, now);

  // Stats only read: a fresh install gets an empty report, not a new database.
  const period = statsPeriod(from, to);
  const db = await ctx.existingDb();
  const input = db ? loadStatsAggregate(db, period, now, opts.by) : NOTHING;
  const report = assembleStats(input, { from, to, by: opts.by, now });

  if (ctx.json) return ctx.printJson(report);
  if (opts.csv) return ctx.print((await import('./stats/csv.js')).csvReport(report, opts.by));
  if (!ctx.tty) return ctx.print((await import('./stats/plain.js')).plainLines(report));
  const { terminalReport } = await import('./stats/terminal.js');
  const width = (ctx.io.stdout as { columns?: number }).columns;
  ctx.print(terminalReport(report, { by: opts.by, everAsked: input.askedRelationIds.length > 0, width, style: ctx.style }));
}
