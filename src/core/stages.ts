// The stage machine of a referral. The path (asked → agreed → introduced → meeting →
// opportunity → won) may be climbed with skips; declined ends an open ask, lost ends a referral
// that was agreed or later. Going back, or reopening a closed referral, needs force; moving to
// the stage it is already at, or a declined/lost that does not fit, is refused even with force.

import { PATH_STAGES, type PathStage, type Stage } from './model.js';

export type MoveCheck =
  | { ok: true }
  /** forcible: the move is allowed with force (going back, reopening a closed referral) */
  | { ok: false; reason: string; forcible: boolean };

/** The referral fields a move changes (the referrals columns in camelCase). */
export interface StageFields {
  stage: Stage;
  /** the furthest path stage ever reached; never goes down */
  reached: PathStage;
  agreedAt: string | null;
  introducedAt: string | null;
  meetingAt: string | null;
  opportunityAt: string | null;
  wonAt: string | null;
  /** when it ended as won, lost or declined; null while open */
  closedAt: string | null;
}

/** The field that records when each path stage was first reached (asked_at is set by the ask). */
export const REACHED_AT = {
  agreed: 'agreedAt',
  introduced: 'introducedAt',
  meeting: 'meetingAt',
  opportunity: 'opportunityAt',
  won: 'wonAt',
} as const satisfies Record<Exclude<PathStage, 'asked'>, keyof StageFields>;

export function isPathStage(stage: Stage): stage is PathStage {
  return (PATH_STAGES as readonly Stage[]).includes(stage);
}

/** Position on the path: asked 0 … won 5. */
export function reachedIndex(stage: PathStage): number {
  return PATH_STAGES.indexOf(stage);
}

/** Whether a referral whose furthest stage is `reached` counts as having reached `stage`. */
export function hasReached(reached: PathStage, stage: PathStage): boolean {
  return reachedIndex(reached) >= reachedIndex(stage);
}

/** won, lost and declined end a referral. */
export function isClosed(stage: Stage): boolean {
  return stage === 'won' || stage === 'lost' || stage === 'declined';
}

const closedAs = (stage: Stage) => (stage === 'declined' ? 'was declined' : `is ${stage}`);

/** Whether a referral at `current` may move to `next`, and if not, why in plain words. */
export function checkMove(current: Stage, next: Stage, opts: { force?: boolean } = {}): MoveCheck {
  const refused = structuralRefusal(current, next);
  if (refused) return { ok: false, reason: refused, forcible: false };

  let reason: string | null = null;
  if (isClosed(current)) {
    reason = `the referral ${closedAs(current)}; moving it to ${next} reopens it`;
  } else if (isPathStage(current) && isPathStage(next) && reachedIndex(next) < reachedIndex(current)) {
    reason = `the referral is already at ${current}, which comes after ${next}; going back undoes its progress`;
  }
  if (reason === null || opts.force) return { ok: true };
  return { ok: false, reason, forcible: true };
}

/** Moves no force can allow: to the same stage, or a declined/lost that does not fit. */
function structuralRefusal(current: Stage, next: Stage): string | null {
  if (current === next) return `the referral is already at ${current}`;
  if (next === 'declined' && current !== 'asked') {
    return isClosed(current)
      ? `the referral ${closedAs(current)}; only an open ask can be declined`
      : `only an open ask can be declined, and the referral is already at ${current}; record lost instead`;
  }
  if (next === 'lost') {
    if (current === 'asked') return 'only a referral that was agreed can be lost; if the relation said no, record declined';
    if (current === 'declined') return 'the referral was declined; only a referral that was agreed can be lost';
    if (current === 'won') return 'the referral is won; to record it as lost, move it back to an open stage first';
  }
  return null;
}

/**
 * The fields after moving to `next` at `at` (ISO), for a move checkMove allowed. `reached` only
 * goes up; each path stage's date is set the first time it is reached, and stages skipped on the
 * way take the same date, so that time-between-stages stays computable.
 */
export function applyMove(row: StageFields, next: Stage, at: string): StageFields {
  const out: StageFields = {
    stage: next,
    reached: row.reached,
    agreedAt: row.agreedAt,
    introducedAt: row.introducedAt,
    meetingAt: row.meetingAt,
    opportunityAt: row.opportunityAt,
    wonAt: row.wonAt,
    closedAt: isClosed(next) ? at : null,
  };
  if (isPathStage(next)) {
    for (const stage of PATH_STAGES.slice(1, reachedIndex(next) + 1)) {
      const key = REACHED_AT[stage as Exclude<PathStage, 'asked'>];
      out[key] ??= at;
    }
    if (reachedIndex(next) > reachedIndex(row.reached)) out.reached = next;
  }
  return out;
}
