import { format } from 'date-fns/format';
import type { Context } from '../../context.js';
import { npsClass } from '../../core/nps.js';
import { asksOfRelation } from '../../db/repos/asks.js';
import { rankedConnections } from '../../db/repos/fit.js';
import { followupsOfRelation } from '../../db/repos/followups.js';
import { listMoments, listNps, resolveRelation } from '../../db/repos/relations.js';
import { CRITERIA } from '../../core/model.js';
import { viewRelations } from './view.js';
import { localWhen } from '../followup/view.js';
import { ago, pullAge } from '../../core/coordination.js';
import { teamCacheState, teammatesWhoKnow } from '../../db/repos/team-coordination.js';

/** The local calendar day of a stored UTC time. */
const day = (iso: string) => format(new Date(iso), 'yyyy-MM-dd');

export default async function relationShow(ctx: Context, [ref]: string[]): Promise<void> {
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  const now = ctx.now();
  const [view] = viewRelations(db, [relation], now);
  const nps = listNps(db, relation.id).map((a) => ({ ...a, class: npsClass(a.score) }));
  const moments = listMoments(db, relation.id);
  const connections = rankedConnections(db, relation.id, { order: 'name' })
    .sort((a, b) => Number(b.shortlisted) - Number(a.shortlisted) || b.fit.score - a.fit.score);
  const asks = asksOfRelation(db, relation.id);
  const followups = followupsOfRelation(db, relation.id);
  // teammates who know the same person, from the last pull (only in a team)
  const teamState = teamCacheState(db);
  const teammates = teamState
    ? teammatesWhoKnow(db, relation).map((t) => ({ rep: t.rep, name: t.repName, as: t.as, via: t.as === 'connection' ? t.relation : null, nps: t.npsScore, lastAskAt: t.lastAskAt }))
    : null;
  if (ctx.json) return ctx.printJson({ ...view, npsHistory: nps, moments, connections, asks, followups, ...(teammates ? { teammates } : {}) });

  const { style } = ctx;
  const r = view!;
  const out: string[] = [];
  out.push(`${style.bold(r.name)} (#${r.id})${r.archivedAt ? style.yellow(' [archived]') : ''}`);
  const facts = [r.role, r.company, r.kind, r.trust !== null ? `trust ${r.trust}/5` : null, r.motivation === 'mercenary' ? 'mercenary' : null];
  out.push(`  ${facts.filter(Boolean).join(' · ')}`);
  if (r.linkedin || r.email) out.push(`  ${[r.linkedin, r.email].filter(Boolean).join(' · ')}`);
  if (r.note) out.push(`  note: ${r.note}`);
  out.push('', style.bold(`Readiness ${r.readiness.score}/100`) + (r.readiness.askNow ? style.green(' — ask now') : ''));
  for (const reason of r.readiness.reasons) out.push(`  · ${reason}`);
  out.push('', style.bold('Ambassador criteria'));
  for (const c of CRITERIA) out.push(`  ${r[c.key] === true ? style.green('✓') : r[c.key] === false ? style.red('✗') : '·'} ${c.label}`);
  out.push('', style.bold('NPS'));
  if (nps.length === 0) out.push(`  no answer yet: \`refer nps ${r.id} SCORE\``);
  for (const a of nps) out.push(`  ${day(a.answeredAt)}  ${a.score} (${a.class})${a.comment ? `  "${a.comment}"` : ''}`);
  out.push('', style.bold('Moments'));
  if (moments.length === 0) out.push(`  none yet: \`refer moment ${r.id} "what they valued"\``);
  for (const m of moments) out.push(`  ${day(m.occurredAt)}  ${m.kind}: "${m.text}"`);
  out.push('', style.bold(`Connections (${connections.length}, ${r.shortlisted} shortlisted)`));
  for (const c of connections.slice(0, 10)) {
    out.push(`  ${c.shortlisted ? '★' : ' '} ${String(c.id).padStart(5)}  ${c.name}${c.title ? `, ${c.title}` : ''}${c.company ? ` at ${c.company}` : ''}  fit ${c.fit.score}`);
  }
  if (connections.length > 10) out.push(`  … \`refer connection list ${r.id}\` shows all`);
  out.push('', style.bold('Asks and outcomes'));
  if (asks.length === 0) out.push('  none yet');
  for (const a of asks) {
    out.push(`  ask ${a.id}  ${day(a.askedAt)}  ${a.kind} by ${a.channel} (${a.template})`);
    for (const f of a.referrals) {
      out.push(`    referral ${f.id}  ${f.connection}: ${style.bold(f.stage)}${f.value !== null ? `  value ${f.value}` : ''}`);
      out.push(`      ${f.history.map((h) => `${h.stage} ${day(h.at)}`).join(' → ')}`);
    }
  }
  out.push('', style.bold('Follow-ups'));
  if (followups.length === 0) out.push('  none');
  for (const f of followups) {
    const state = f.doneAt ? `done ${day(f.doneAt)}` : Date.parse(f.dueAt) < now.getTime() ? style.red('overdue') : 'open';
    out.push(`  ${f.id}  ${localWhen(f.dueAt)}  ${f.durationMinutes} min  ${state}${f.note ? `  ${f.note}` : ''}`);
  }
  if (teammates) {
    out.push('', style.bold(`Teammates who know them (${teammates.length})`));
    if (teammates.length === 0) out.push('  none');
    for (const t of teammates) {
      const how = t.as === 'relation' ? 'their relation' : `a connection of their relation ${t.via}`;
      const asked = t.as === 'relation' && t.lastAskAt ? `, asked ${ago(t.lastAskAt, now)}` : '';
      out.push(`  ${t.name}: ${how}${t.nps !== null ? ` (NPS ${t.nps})` : ''}${asked}`);
    }
    out.push(style.dim(`  ${pullAge(teamState!.lastPullAt, now)}`));
  }
  ctx.print(out.join('\n'));
}
