import { CRITERIA, type Relation } from './model.js';
import { npsClass } from './nps.js';

/** How much each signal weighs in readiness (0–100). Declared once; tests and docs derive from it. */
export const READINESS = {
  perCriterion: 12,
  nps: { promoter: 20, passive: 5, detractor: -30 },
  perTrustStep: 5, // trust 1..5 around 3: -10..+10
  freshMoment: { days: 14, points: 15 },
  recentMoment: { days: 60, points: 5 },
  waitingAsk: -25,
  askedRecently: { days: 30, points: -20 },
  mercenary: -5,
  askNowFrom: 60,
} as const;

/**
 * The fewest ambassador criteria met with which readiness can still say "ask now": every other
 * signal at its best (promoter, a fresh moment, trust 5) must make up the rest of askNowFrom.
 * `refer today` uses it to leave most relations out in SQL, before computing any readiness.
 */
export const ASK_NOW_MIN_CRITERIA = Math.max(
  0,
  Math.ceil(
    (READINESS.askNowFrom - READINESS.nps.promoter - Math.max(READINESS.freshMoment.points, READINESS.recentMoment.points) - 2 * READINESS.perTrustStep) /
      READINESS.perCriterion,
  ),
);

export interface ReadinessInput {
  relation: Pick<Relation, 'trust' | 'motivation' | 'knowsAudience' | 'seller' | 'seesValue' | 'experiencedValue'>;
  latestNps: { score: number; answeredAt: string } | null;
  latestMoment: { text: string; occurredAt: string } | null;
  lastAskAt: string | null;
  /** referrals still waiting for the relation's answer */
  waiting: number;
}

export interface Readiness {
  score: number;
  askNow: boolean;
  reasons: string[];
}

const DAY = 86_400_000;
const daysBetween = (from: string, now: Date) => Math.floor((now.getTime() - Date.parse(from)) / DAY);
const ago = (days: number) => (days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`);
const clip = (s: string, n = 60) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * Readiness of a relation to be asked now: the four ambassador criteria, the latest NPS class,
 * trust, a fresh positive moment (the right time to ask), no ask waiting, not asked too recently.
 */
export function readiness(input: ReadinessInput, now: Date): Readiness {
  const { relation } = input;
  const reasons: string[] = [];
  let score = 0;

  const met = CRITERIA.filter((c) => relation[c.key] === true);
  const unknown = CRITERIA.filter((c) => relation[c.key] === null);
  score += met.length * READINESS.perCriterion;
  reasons.push(`${met.length}/4 ambassador criteria${met.length ? `: ${met.map((c) => c.label).join(', ')}` : ''}`);
  if (unknown.length) reasons.push(`not yet assessed: ${unknown.map((c) => c.label).join(', ')}`);

  const cls = input.latestNps ? npsClass(input.latestNps.score) : null;
  if (input.latestNps && cls) {
    score += READINESS.nps[cls];
    reasons.push(`NPS ${input.latestNps.score} (${cls})`);
  } else {
    reasons.push('no NPS answer yet: ask "how likely are you to recommend us?" first');
  }

  if (relation.trust !== null) {
    score += (relation.trust - 3) * READINESS.perTrustStep;
    reasons.push(`trust ${relation.trust}/5`);
  }

  let fresh = false;
  if (input.latestMoment) {
    const days = daysBetween(input.latestMoment.occurredAt, now);
    if (days <= READINESS.freshMoment.days) {
      fresh = true;
      score += READINESS.freshMoment.points;
      reasons.push(`fresh positive moment ${ago(days)}: "${clip(input.latestMoment.text)}"`);
    } else if (days <= READINESS.recentMoment.days) {
      score += READINESS.recentMoment.points;
      reasons.push(`positive moment ${ago(days)}`);
    }
  }

  const waiting = input.waiting > 0;
  if (waiting) {
    score += READINESS.waitingAsk;
    reasons.push(`${input.waiting} referral${input.waiting === 1 ? '' : 's'} still waiting for an answer`);
  }
  let recent = false;
  if (input.lastAskAt) {
    const days = daysBetween(input.lastAskAt, now);
    if (days < READINESS.askedRecently.days) {
      recent = true;
      score += READINESS.askedRecently.points;
      reasons.push(`asked ${ago(days)}: give them room`);
    }
  }
  if (relation.motivation === 'mercenary') {
    score += READINESS.mercenary;
    reasons.push('mercenary (paid per lead): a different kind of ambassador');
  }

  score = Math.max(0, Math.min(100, Math.round(score)));
  const askNow =
    score >= READINESS.askNowFrom && cls !== 'detractor' && !waiting && !recent && (cls === 'promoter' || fresh);
  return { score, askNow, reasons };
}
