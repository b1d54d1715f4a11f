import type { Context } from '../../context.js';
import { STAGES, type Stage } from '../../core/model.js';
import { isClosed } from '../../core/stages.js';
import { formatLocal } from '../../core/calendar.js';
import { type FollowupView, markDone, resolveFollowup } from '../../db/repos/followups.js';
import { type ReferralRow, referralsOfAsk } from '../../db/repos/referrals.js';
import { UsageError } from '../../errors.js';
import { planMoves, printMoves, refuseIfAny, writeMoves } from '../outcome.js';
import { followupJson } from './view.js';

/**
 * `refer followup done ID`: the call took place. With --outcome (or, on a terminal, the answer
 * to a question) every referral of the follow-up's ask moves to that stage in the same step.
 */
export default async function followupDone(ctx: Context, [ref]: string[], opts: { note?: string; outcome?: Stage; force?: boolean }): Promise<void> {
  if (opts.force && opts.outcome === undefined) throw new UsageError('--force goes with --outcome STAGE');
  const now = ctx.now();
  const db = await ctx.db();
  const followup = resolveFollowup(db, ref!);
  if (followup.doneAt !== null) throw new UsageError(`follow-up ${followup.id} is already done (${formatLocal(new Date(followup.doneAt))})`);
  const referrals = followup.askId === null ? [] : referralsOfAsk(db, followup.askId);
  if (opts.outcome !== undefined && referrals.length === 0) {
    throw new UsageError(`follow-up ${followup.id} belongs to no ask with referrals, so --outcome has nothing to move; use \`refer outcome REFERRAL STAGE\``);
  }
  const stage = opts.outcome ?? (await askOutcome(ctx, followup, referrals, now));
  const plan = stage ? planMoves(referrals, stage, { force: Boolean(opts.force), now, keepSame: true }) : { moves: [], refused: [], unchanged: [] };
  refuseIfAny(plan, `follow-up ${followup.id} stays open: cannot move the referrals of ask ${followup.askId} to ${stage}`);

  const doneNote = opts.note?.trim() || null;
  const moves = db
    .transaction(() => {
      markDone(db, followup.id, now, doneNote, now);
      return writeMoves(db, plan.moves, { value: null, note: null }, now);
    })
    .immediate();

  const done = { ...followup, doneAt: now.toISOString(), doneNote };
  if (ctx.json) return ctx.printJson({ ...followupJson(done, now), moves, unchanged: plan.unchanged.map((r) => r.id) });
  ctx.print(`Done: follow-up ${followup.id} with ${ctx.style.bold(followup.relation.name)}.`);
  printMoves(ctx, moves);
  for (const r of plan.unchanged) ctx.info(`referral ${r.id} ${r.connection} is already at ${stage}; left as it is`);
  const stillOpen = referrals.filter((r) => !isClosed(moves.find((m) => m.referralId === r.id)?.stage ?? r.stage));
  if (stillOpen.length > 0) {
    ctx.info(ctx.style.dim(`${stillOpen.length} referral${stillOpen.length === 1 ? '' : 's'} still open; book the next check-in: refer followup add ${followup.relationId} "in 1 week"`));
  }
}

/**
 * On a terminal, asks what became of the ask's referrals; stages that some referral cannot move
 * to without --force are shown but cannot be chosen. Elsewhere (a pipe, --no-input, --json): no change.
 */
async function askOutcome(ctx: Context, followup: FollowupView, referrals: ReferralRow[], now: Date): Promise<Stage | null> {
  if (!ctx.canPrompt || referrals.length === 0) return null;
  const choices = STAGES.map((stage) => {
    const plan = planMoves(referrals, stage, { force: false, now, keepSame: true });
    const disabled = plan.refused.length > 0 ? '(needs --force)' : plan.moves.length === 0 ? '(already there)' : false;
    return { name: stage, value: stage as Stage | null, disabled };
  });
  if (choices.every((c) => c.disabled)) return null;
  const { select } = await ctx.prompts('--outcome STAGE');
  const current = [...new Set(referrals.map((r) => r.stage))].join('/');
  return ctx.ask(
    select(
      {
        message: `What became of ${followup.referees.join(', ')} (now ${current})?`,
        choices: [{ name: 'no change', value: null }, ...choices],
        pageSize: choices.length + 1,
      },
      ctx.promptContext,
    ),
  );
}
