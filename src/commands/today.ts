import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addMonths } from 'date-fns/addMonths';
import { endOfDay } from 'date-fns/endOfDay';
import { format } from 'date-fns/format';
import { startOfMonth } from 'date-fns/startOfMonth';
import { subDays } from 'date-fns/subDays';
import type { Context } from '../context.js';
import { selectDue } from '../core/due.js';
import { PATH_STAGES, STAGES, type Stage } from '../core/model.js';
import { ASK_NOW_MIN_CRITERIA, READINESS } from '../core/readiness.js';
import { hasReached } from '../core/stages.js';
import { listRelations } from '../db/repos/relations.js';
import { openFollowupsDueBy } from '../db/repos/followups.js';
import { askNowCandidates, funnelCounts, isSetUp, waitingReferrals } from '../db/repos/today.js';
import { followupJson } from './followup/view.js';
import { byReadiness, type RelationView, viewRelations } from './relation/view.js';
import { collisionWarning, recentAskCollisions } from '../core/coordination.js';
import { hasTeammates, teamCacheState, teamRelationsLike } from '../db/repos/team-coordination.js';

/** A referral still asked (no answer) or agreed (no introduction) for longer than this many days waits too long. */
export const WAITING_DAYS = 14;
/** How many relations worth asking `today` names. */
export const ASK_NOW_LIMIT = 5;
/** How many follow-ups and waiting referrals `today` lists (with how many there are in all): a digest, not the full list. */
export const LIST_LIMIT = 10;

const DAY_MS = 86_400_000;
const daysSince = (iso: string, now: Date) => Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
const ago = (days: number) => (days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`);
const clip = (s: string, n = 60) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** The next step with a relation worth asking: ask, or first choose or import the people to ask about. */
function nextStep(r: RelationView): string {
  if (r.shortlisted > 0) return `refer ask ${r.id}`;
  if (r.connections > 0) return `refer connection list ${r.id} --fit --limit 10   then   refer connection pick ${r.id} ID...`;
  return `refer connection import ${r.id} Connections.csv`;
}

/** Why now, in a few words: their NPS class, a fresh moment, and when they were last asked. */
function whyNow(r: RelationView, now: Date): string[] {
  const why: string[] = [];
  if (r.npsClass) why.push(`${r.npsClass} (NPS ${r.nps})`);
  if (r.latestMoment) {
    const days = daysSince(r.latestMoment.occurredAt, now);
    if (days <= READINESS.freshMoment.days) why.push(`fresh moment ${ago(days)}: “${clip(r.latestMoment.text)}”`);
  }
  why.push(r.lastAskAt ? `last asked ${ago(daysSince(r.lastAskAt, now))}` : 'not asked yet');
  return why;
}

/** This month's referrals by stage reached (asked … won) and by where they ended (declined, lost), from counts. */
function monthFunnel(rows: ReturnType<typeof funnelCounts>): Record<Stage, number> {
  const funnel = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const { stage, reached, n } of rows) {
    for (const s of PATH_STAGES) if (hasReached(reached, s)) funnel[s] += n;
    if (stage === 'declined' || stage === 'lost') funnel[stage] += n;
  }
  return funnel;
}

export default async function today(ctx: Context): Promise<void> {
  const now = ctx.now();
  // never creates a database: on a fresh install this is what plain `refer` shows
  const db = await ctx.existingDb();
  if (!db || !isSetUp(db)) {
    if (ctx.json) return ctx.printJson({ setUp: false, followups: [], askNow: [], waiting: [], totals: { followups: 0, askNow: 0, waiting: 0 }, month: null });
    const demo = join(ctx.dataDir, 'demo.db');
    ctx.print(
      [
        'Nothing set up yet. Start with one of:',
        '  refer init        your profile and Ideal Customer Profile (a wizard on a terminal)',
        '  refer demo        a realistic sample in a separate database, to look around first',
        '  refer --help      every command',
        ...(existsSync(demo) && demo !== ctx.dbPath ? ['', `Your demo is in ${demo}: refer today --db ${demo}`] : []),
      ].join('\n'),
    );
    return;
  }

  const due = openFollowupsDueBy(db, endOfDay(now).toISOString(), LIST_LIMIT);
  const followups = selectDue(due.rows, now).map((f) => followupJson(f, now));
  const candidates = askNowCandidates(
    db,
    new Date(now.getTime() - READINESS.askedRecently.days * DAY_MS).toISOString(),
    new Date(now.getTime() - (READINESS.freshMoment.days + 1) * DAY_MS).toISOString(),
    ASK_NOW_MIN_CRITERIA,
  );
  const readyAll = viewRelations(db, listRelations(db, { ids: candidates }), now).filter((r) => r.readiness.askNow);
  // a relation a teammate asked within 30 days is not worth asking now (from the last pull)
  const inTeam = teamCacheState(db) !== null && hasTeammates(db);
  const leftOut = inTeam
    ? readyAll.flatMap((r) => {
        const [c] = recentAskCollisions(r, teamRelationsLike(db, r), now);
        return c ? [{ id: r.id, name: r.name, company: r.company, reason: collisionWarning(c, now) }] : [];
      })
    : [];
  const ready = leftOut.length ? readyAll.filter((r) => !leftOut.some((l) => l.id === r.id)) : readyAll;
  const askNow = ready
    .sort(byReadiness)
    .slice(0, ASK_NOW_LIMIT)
    .map((r) => ({
      id: r.id,
      name: r.name,
      company: r.company,
      readiness: r.readiness.score,
      why: whyNow(r, now),
      reasons: r.readiness.reasons,
      nps: r.nps,
      lastAskAt: r.lastAskAt,
      connections: r.connections,
      shortlisted: r.shortlisted,
      next: nextStep(r),
    }));
  const late = waitingReferrals(db, subDays(now, WAITING_DAYS).toISOString(), LIST_LIMIT);
  const waiting = late.rows.map((w) => ({
    id: w.id,
    askId: w.askId,
    relation: { id: w.relationId, name: w.relation },
    connection: { id: w.connectionId, name: w.connection },
    stage: w.stage,
    since: w.since,
    days: daysSince(w.since, now),
  }));
  const from = startOfMonth(now);
  const to = addMonths(from, 1);
  const funnel = monthFunnel(funnelCounts(db, from.toISOString(), to.toISOString()));
  const rate = (n: number) => (funnel.asked === 0 ? null : n / funnel.asked);
  const month = {
    from: format(from, 'yyyy-MM-dd'),
    to: format(subDays(to, 1), 'yyyy-MM-dd'),
    funnel,
    rates: Object.fromEntries(PATH_STAGES.slice(1).map((s) => [s, rate(funnel[s])])),
  };

  const totals = { followups: due.total, askNow: ready.length, waiting: late.total };
  if (ctx.json) return ctx.printJson({ setUp: true, followups, askNow, ...(inTeam ? { askNowLeftOut: leftOut } : {}), waiting, totals, month });

  const { style } = ctx;
  const more = (shown: number, total: number, where?: string) =>
    total > shown ? [style.dim(`  … and ${total - shown} more${where ? `: ${where}` : ''}`)] : [];
  const out: string[] = [style.bold(`Today, ${format(now, 'EEEE d MMMM yyyy')}`), ''];
  // ids right-aligned in one column across the sections; reasons and next steps indented past it
  const idWidth = Math.max(4, ...[...followups, ...askNow, ...waiting].map((x) => String(x.id).length));
  const id = (n: number) => `  ${String(n).padStart(idWidth)}  `;
  const indent = ' '.repeat(idWidth + 4);

  out.push(style.bold(`Follow-ups due (${totals.followups})`));
  if (followups.length === 0) out.push(style.dim('  none: `refer followup --upcoming 7` shows the week ahead'));
  const labelWidth = Math.max(0, ...followups.map((f) => f.label.length));
  for (const f of followups) {
    const label = f.overdue ? style.red(f.label.padEnd(labelWidth)) : f.label.padEnd(labelWidth);
    const about = f.note ?? (f.referees.length ? `about ${f.referees.join(', ')}` : '');
    out.push(`${id(f.id)}${label}  ${style.bold(f.relation.name)}${about ? ` · ${about}` : ''}`);
  }
  out.push(...more(followups.length, totals.followups, 'refer followup'));
  if (followups.length) out.push(style.dim(`${indent}afterwards: refer followup done ID`));

  out.push('', style.bold(`Worth asking now (${totals.askNow})`));
  if (askNow.length === 0) out.push(style.dim('  nobody right now: `refer relation list` shows why'));
  for (const r of askNow) {
    out.push(`${id(r.id)}${style.bold(r.name)}${r.company ? ` (${r.company})` : ''} · readiness ${r.readiness}`);
    out.push(`${indent}${r.why.join(', ')}`);
    out.push(`${indent}${style.green('→')} ${r.next}`);
  }
  out.push(...more(askNow.length, totals.askNow, 'refer relation list --ready'));
  for (const l of leftOut) out.push(style.dim(`${id(l.id)}left out: ${l.name}${l.company ? ` (${l.company})` : ''}: ${l.reason}`));

  out.push('', style.bold(`Waiting more than ${WAITING_DAYS} days (${totals.waiting})`));
  if (waiting.length === 0) out.push(style.dim('  none'));
  for (const w of waiting) {
    const state = w.stage === 'asked' ? `asked ${ago(w.days)}, no answer yet` : `agreed ${ago(w.days)}, not introduced yet`;
    out.push(`${id(w.id)}${style.bold(w.connection.name)} via ${w.relation.name}: ${state}`);
  }
  out.push(...more(waiting.length, totals.waiting));
  if (waiting.length) out.push(style.dim(`${indent}bring it up at the follow-up, or record what happened: refer outcome ID introduced`));

  const f = month.funnel;
  out.push(
    '',
    `${style.bold(`This month (${format(from, 'MMMM')}):`)} ${f.asked} asked · ${f.agreed} agreed · ${f.introduced} introduced · ` +
      `${f.meeting} meetings · ${f.opportunity} opportunities · ${f.won} won; ${f.declined} declined, ${f.lost} lost`,
  );
  ctx.print(out.join('\n'));
}
