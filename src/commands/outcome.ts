import { endOfDay } from 'date-fns/endOfDay';
import type { Context } from '../context.js';
import { STAGES, type Stage } from '../core/model.js';
import { applyMove, checkMove } from '../core/stages.js';
import { assertNotFuture, formatLocal } from '../core/calendar.js';
import { parseDateArg } from '../core/when.js';
import type { Db } from '../db/open.js';
import { getAsk } from '../db/repos/asks.js';
import { type ReferralRow, recordMove, referralsOfAsk, resolveReferral } from '../db/repos/referrals.js';
import { NotFoundError, UsageError } from '../errors.js';

interface Options {
  ask?: string;
  date?: string;
  value?: number;
  note?: string;
  force?: boolean;
}

/** One move as `--json` shows it. */
export interface MoveResult {
  referralId: number;
  askId: number;
  connection: { id: number; name: string };
  relation: { id: number; name: string };
  from: Stage;
  stage: Stage;
  at: string;
  value: number | null;
  note: string | null;
  /** the move needed --force (going back, or reopening a closed referral) */
  forced: boolean;
}

export default async function outcome(ctx: Context, args: string[], opts: Options): Promise<void> {
  const [referralRef, stageText] = opts.ask === undefined ? args : [undefined, ...args];
  if (opts.ask !== undefined && args.length > 1) {
    throw new UsageError(`with --ask give only the STAGE, got "${args.join(' ')}"; e.g. refer outcome --ask ${opts.ask} agreed`);
  }
  if (stageText === undefined) {
    throw new UsageError(
      opts.ask === undefined ? 'missing REFERRAL and STAGE: refer outcome REFERRAL STAGE (or --ask ASK STAGE)' : 'missing STAGE: refer outcome --ask ASK STAGE',
    );
  }
  const stage = parseStage(stageText);
  const now = ctx.now();
  const date = opts.date === undefined ? undefined : readDate(opts.date, now);
  const db = await ctx.db();
  const referrals = opts.ask === undefined ? [resolveReferral(db, referralRef!)] : referralsOfAskRef(db, opts.ask);

  const plan = planMoves(referrals, stage, { force: Boolean(opts.force), date, now, keepSame: opts.ask !== undefined });
  const what = opts.ask === undefined ? `referral ${referrals[0]!.id}` : `the referrals of ask ${opts.ask}`;
  refuseIfAny(plan, `cannot move ${what} to ${stage}`);
  if (plan.moves.length === 0) throw new UsageError(`every referral of ask ${opts.ask} is already at ${stage}; nothing to change`);
  const results = db
    .transaction(() => writeMoves(db, plan.moves, { value: opts.value ?? null, note: opts.note?.trim() || null }, now))
    .immediate();

  if (ctx.json) return ctx.printJson({ ask: opts.ask === undefined ? null : { id: referrals[0]!.askId }, moves: results, unchanged: plan.unchanged.map((r) => r.id) });
  printMoves(ctx, results);
  for (const r of plan.unchanged) ctx.info(`referral ${r.id} ${r.connection} is already at ${stage}; left as it is`);
  ctx.info(ctx.style.dim(`History: refer relation show ${referrals[0]!.relationId}`));
}

/** A stage as typed (any case), or a usage error listing the stages. */
function parseStage(text: string): Stage {
  const stage = STAGES.find((s) => s === text.trim().toLowerCase());
  if (!stage) throw new UsageError(`unknown stage "${text}"; one of ${STAGES.join(', ')}`);
  return stage;
}

/** --date, read; whether it named a day or a moment matters for the order check in planMoves. */
interface MoveDate {
  at: Date;
  /** the date had no time: any moment of that local day will do */
  dayOnly: boolean;
  text: string;
}

function readDate(text: string, now: Date): MoveDate {
  const at = parseDateArg(text, now, { flag: '--date' });
  assertNotFuture(at, now, '--date');
  const dayOnly = parseDateArg(text, now, { endOfDay: true }).getTime() !== at.getTime();
  return { at, dayOnly, text };
}

function referralsOfAskRef(db: Db, ref: string): ReferralRow[] {
  const text = ref.trim();
  if (!/^\d+$/.test(text)) throw new UsageError(`an ask is named by its id (a number), got "${ref}"`);
  if (!getAsk(db, Number(text))) throw new NotFoundError(`no ask with id ${text}; \`refer relation show REL\` lists a relation's asks`);
  const referrals = referralsOfAsk(db, Number(text));
  if (referrals.length === 0) throw new UsageError(`ask ${text} has no referrals to move`);
  return referrals;
}

export interface PlannedMove {
  referral: ReferralRow;
  stage: Stage;
  at: Date;
  forced: boolean;
}

export interface MovePlan {
  moves: PlannedMove[];
  refused: Array<{ referral: ReferralRow; reason: string; forcible: boolean }>;
  /** already at the stage: a move of a whole ask leaves them as they are */
  unchanged: ReferralRow[];
}

/**
 * Checks every move before anything is written: the stage rules (checkMove) and the date, which
 * may not come before the referral's latest event. A --date without a time names a day; on the
 * day of the latest event it means the moment of that event, so "agreed the same day" works.
 */
export function planMoves(
  referrals: readonly ReferralRow[],
  stage: Stage,
  opts: { force: boolean; date?: MoveDate; now: Date; keepSame: boolean },
): MovePlan {
  const plan: MovePlan = { moves: [], refused: [], unchanged: [] };
  for (const referral of referrals) {
    if (opts.keepSame && referral.stage === stage) {
      plan.unchanged.push(referral);
      continue;
    }
    const check = checkMove(referral.stage, stage, { force: opts.force });
    if (!check.ok) {
      plan.refused.push({ referral, reason: check.reason, forcible: check.forcible });
      continue;
    }
    const last = new Date(referral.lastEventAt);
    let at = opts.date?.at ?? opts.now;
    if (opts.date?.dayOnly && at < last && last <= endOfDay(at)) at = last;
    if (at < last) {
      const when = opts.date ? `--date ${opts.date.text}` : 'now';
      plan.refused.push({
        referral,
        reason: `${when} is before its latest change (${referral.stage} on ${formatLocal(last)}); history stays in order`,
        forcible: false,
      });
      continue;
    }
    plan.moves.push({ referral, stage, at, forced: !checkMove(referral.stage, stage).ok });
  }
  return plan;
}

/** A refused move stops them all: one usage error naming each refusal, and the --force hint when it would help. */
export function refuseIfAny(plan: MovePlan, headline: string): void {
  if (plan.refused.length === 0) return;
  const forcible = plan.refused.every((r) => r.forcible);
  if (plan.refused.length === 1 && plan.moves.length === 0) {
    const only = plan.refused[0]!;
    throw new UsageError(`${headline}: ${only.reason}`, forcible ? ['pass --force to do it anyway (the history keeps the forced move)'] : []);
  }
  throw new UsageError(`${headline}; nothing was changed:`, [
    ...plan.refused.map((r) => `referral ${r.referral.id} ${r.referral.connection} (${r.referral.stage}): ${r.reason}`),
    ...(forcible ? ['pass --force to do it anyway (the history keeps the forced moves)'] : []),
  ]);
}

/** Writes planned moves; call inside a transaction. */
export function writeMoves(db: Db, moves: readonly PlannedMove[], extra: { value: number | null; note: string | null }, now: Date): MoveResult[] {
  return moves.map(({ referral, stage, at, forced }) => {
    const iso = at.toISOString();
    recordMove(db, referral.id, applyMove(referral, stage, iso), { stage, at: iso, value: extra.value, note: extra.note, forced }, now);
    return {
      referralId: referral.id,
      askId: referral.askId,
      connection: { id: referral.connectionId, name: referral.connection },
      relation: { id: referral.relationId, name: referral.relation },
      from: referral.stage,
      stage,
      at: iso,
      value: extra.value,
      note: extra.note,
      forced,
    };
  });
}

export function printMoves(ctx: Context, moves: readonly MoveResult[]): void {
  const { style } = ctx;
  for (const m of moves) {
    const extras = [m.value !== null ? `value ${m.value}` : null, m.forced ? style.yellow('forced') : null].filter(Boolean).join(', ');
    ctx.print(
      `referral ${m.referralId} ${m.connection.name} (via ${m.relation.name}): ${m.from} → ${style.bold(m.stage)} on ${formatLocal(new Date(m.at))}${extras ? ` (${extras})` : ''}`,
    );
  }
}
