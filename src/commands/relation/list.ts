import type { Context } from '../../context.js';
import { listRelations } from '../../db/repos/relations.js';
import { byReadiness, criteriaMarks, viewRelations } from './view.js';

export default async function relationList(ctx: Context, _args: string[], opts: { ready?: boolean; all?: boolean }): Promise<void> {
  const db = await ctx.db();
  let rows = viewRelations(db, listRelations(db, { includeArchived: opts.all }), ctx.now()).sort(byReadiness);
  if (opts.ready) rows = rows.filter((r) => r.readiness.askNow);
  if (ctx.json) return ctx.printJson(rows);
  if (rows.length === 0) {
    ctx.info(opts.ready ? 'Nobody is ready to be asked right now; `refer relation list` shows why.' : 'No relations yet: `refer relation add NAME` (or try `refer demo`).');
    return;
  }
  const { style } = ctx;
  ctx.table(rows, [
    { header: 'ID', get: (r) => r.id, align: 'right' },
    { header: 'NAME', get: (r) => r.name + (r.archivedAt ? ' [archived]' : ''), style: (s) => style.bold(s) },
    { header: 'COMPANY', get: (r) => r.company },
    { header: 'READY', get: (r) => r.readiness.score, align: 'right' },
    { header: 'ASK', get: (r) => (r.readiness.askNow ? 'now' : ''), style: (s) => style.green(s) },
    { header: 'NPS', get: (r) => r.nps ?? '', align: 'right', style: (s, r) => (r.npsClass === 'detractor' ? style.red(s) : r.npsClass === 'promoter' ? style.green(s) : s) },
    { header: 'CRITERIA', get: (r) => criteriaMarks(r) },
    { header: 'CONN', get: (r) => (r.connections ? `${r.shortlisted}/${r.connections}` : ''), align: 'right' },
    { header: 'WHY', get: (r) => r.readiness.reasons.filter((x) => !x.startsWith('not yet assessed')).slice(1).join('; ') || r.readiness.reasons[0] },
  ]);
  if (ctx.tty) ctx.info(style.dim('CRITERIA: ✓ met ✗ not met · not assessed (knows audience, seller, sees value, experienced value); CONN: shortlisted/listed'));
}
