import { addDays } from 'date-fns/addDays';
import { startOfDay } from 'date-fns/startOfDay';
import type { Context } from '../context.js';
import { computeStats, type GroupBy, type StatsInput } from '../core/stats.js';
import { loadStatsInput, type StatsPeriod } from '../db/repos/stats.js';
import { UsageError } from '../errors.js';

interface StatsFlags {
  since?: string;
  until?: string;
  by?: GroupBy;
  csv?: boolean;
}

const NOTHING: StatsInput = { referrals: [], followups: [], latestNps: [], askedRelationIds: [] };

/** The stored instants of the period computeStats counts: the local start of --since up to the local midnight after --until. */
function periodOf(from: Date | null, to: Date | null): StatsPeriod {
  return {
    start: from ? startOfDay(from).toISOString() : null,
    end: to ? addDays(startOfDay(to), 1).toISOString() : null,
  };
}

/** --since and --until as days; the date parser (chrono) loads only when one is given. */
async function readPeriod(opts: StatsFlags, now: Date): Promise<{ from: Date | null; to: Date | null }> {
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
  const db = await ctx.existingDb();
  const input = db ? loadStatsInput(db, periodOf(from, to), now) : NOTHING;
  const report = computeStats(input, { from, to, by: opts.by, now });

  if (ctx.json) return ctx.printJson(report);
  if (opts.csv) return ctx.print((await import('./stats/csv.js')).csvReport(report, opts.by));
  if (!ctx.tty) return ctx.print((await import('./stats/plain.js')).plainLines(report));
  const { terminalReport } = await import('./stats/terminal.js');
  const width = (ctx.io.stdout as { columns?: number }).columns;
  ctx.print(terminalReport(report, { by: opts.by, everAsked: input.askedRelationIds.length > 0, width, style: ctx.style }));
}
