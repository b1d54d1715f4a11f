// `refer team stats`: the team's funnel in the shape of `refer stats`, computed by PostgreSQL from
// every rep's shared asks and referrals in one statement (src/team/stats.ts), then assembled by the
// same rules as a rep's own report (assembleStats in src/core/stats.ts): the same rates, Wilson
// intervals, benchmarks and "too few to tell". Follow-ups are never shared, so they are each rep's own.
import type { Context } from '../../context.js';
import { assembleStats, statsPeriod } from '../../core/stats.js';
import { UsageError } from '../../errors.js';
import { readPeriod } from '../stats.js';
import type { TeamGroupBy } from '../../team/stats.js';

interface TeamStatsFlags {
  since?: string;
  until?: string;
  by?: TeamGroupBy;
  csv?: boolean;
}

export const FOLLOWUPS_NOTE = 'Follow-ups are not shared with the team: each rep sees their own in `refer stats`.';

export default async function teamStats(ctx: Context, _args: string[], opts: TeamStatsFlags): Promise<void> {
  if (opts.csv && ctx.json) throw new UsageError('--csv and --json are two formats of the output; choose one');
  const now = ctx.now();
  const { from, to } = await readPeriod(opts, now);
  const period = statsPeriod(from, to);

  const db = await ctx.existingDb();
  const { teamCacheState } = await import('../../db/repos/team-coordination.js');
  const state = db ? teamCacheState(db) : null;
  if (!db || !state) throw new UsageError('not in a team: run refer team join URL first');
  const url = (db.prepare('SELECT url FROM team WHERE id = 1').pluck().get() as string);

  const { connectTeam, teamError } = await import('../../team/connect.js');
  const { loadTeamStats } = await import('../../team/stats.js');
  const team = await connectTeam(url, ctx.env, { warn: (t) => ctx.warn(t) });
  let input;
  try {
    input = (await loadTeamStats(team.client, period, opts.by, Intl.DateTimeFormat().resolvedOptions().timeZone)).aggregate;
  } catch (err) {
    throw teamError(err, team.url);
  } finally {
    await team.close();
  }
  const report = assembleStats(input, { from, to, by: opts.by, now });
  report.notes.push(FOLLOWUPS_NOTE);

  if (ctx.json) return ctx.printJson(report);
  if (opts.csv) return ctx.print((await import('../stats/csv.js')).csvReport(report, opts.by));
  if (!ctx.tty) return ctx.print((await import('../stats/plain.js')).plainLines(report));
  const { terminalReport } = await import('../stats/terminal.js');
  const width = (ctx.io.stdout as { columns?: number }).columns;
  ctx.print(terminalReport(report, { by: opts.by, everAsked: input.askedRelationIds.length > 0, width, style: ctx.style }));
}
