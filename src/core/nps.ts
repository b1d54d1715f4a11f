// Net Promoter Score: the class of one answer and the score of a set of answers.
import { UsageError } from '../errors.js';
import type { NpsClass } from './model.js';

export interface NpsSummary {
  /** % promoters − % detractors, rounded to a whole number (−100..+100); null without answers. */
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  responses: number;
}

function badScore(shown: string): UsageError {
  return new UsageError(`NPS score must be a whole number from 0 to 10, got ${shown}`);
}

/** 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsClass(score: number): NpsClass {
  if (!Number.isInteger(score) || score < 0 || score > 10) throw badScore(String(score));
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** A score typed by the user ("9", " 10 "); anything but a whole number 0..10 is a usage error. */
export function parseNpsScore(text: string): number {
  const trimmed = text.trim();
  // Number() alone would accept "", "1e1", "0x9" and " "; only plain digits are a score.
  if (!/^\d{1,2}$/.test(trimmed)) throw badScore(JSON.stringify(text));
  const score = Number(trimmed);
  if (score > 10) throw badScore(JSON.stringify(text));
  return score;
}

/** The NPS of a relation base, from each relation's latest answer. */
export function npsSummary(latestScores: readonly number[]): NpsSummary {
  const tally = { promoter: 0, passive: 0, detractor: 0 };
  for (const score of latestScores) tally[npsClass(score)] += 1;
  const responses = latestScores.length;
  return {
    score: responses === 0 ? null : roundHalfAway(((tally.promoter - tally.detractor) * 100) / responses),
    promoters: tally.promoter,
    passives: tally.passive,
    detractors: tally.detractor,
    responses,
  };
}

/** Math.round sends −12.5 to −12 but 12.5 to 13; a score must not depend on its sign. */
function roundHalfAway(x: number): number {
  const rounded = Math.sign(x) * Math.round(Math.abs(x));
  return rounded === 0 ? 0 : rounded; // no −0 in JSON-bound figures
}
