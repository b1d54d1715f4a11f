// The team's coordination rules, pure: who among the teammates knows a person, when an ask would
// be a double ask (the same relation asked by a teammate within 30 days, or a referee already in a
// teammate's open pipeline), and how old the team data is. "The same person" is src/core/person.ts.
// The rows come from the local cache of the last pull (src/db/repos/team-coordination.ts).
import { npsClass } from './nps.js';
import { foldText, samePerson, type PersonFacts } from './person.js';
import type { Stage } from './model.js';

export const COORDINATION = {
  /** a teammate's ask of the same relation this recent (either side of the ask) is a double ask */
  recentAskDays: 30,
  /** the stages in which a referral is still in a pipeline (not won, declined or lost) */
  openStages: ['asked', 'agreed', 'introduced', 'meeting', 'opportunity'] as const satisfies readonly Stage[],
} as const;

export type OpenStage = (typeof COORDINATION.openStages)[number];

export function isOpenStage(stage: string): stage is OpenStage {
  return (COORDINATION.openStages as readonly string[]).includes(stage);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, in the words a rep reads: "just now", "5 minutes ago", "3 hours ago", "yesterday", "12 days ago". */
export function ago(then: string | Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - new Date(then).getTime());
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute') + ' ago';
  if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour') + ' ago';
  const days = Math.floor(ms / DAY);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How old the team data is, for a line under the answer: "team data from the last pull, 3 hours ago". */
export function pullAge(lastPullAt: string | null, now: Date): string {
  return lastPullAt === null ? 'no team data pulled yet: run `refer team sync`' : `team data from the last pull, ${ago(lastPullAt, now)}`;
}

// ---------------------------------------------------------------------------------------------
// Rows of the cache

/** A teammate's relation as the cache holds it. */
export interface TeamRelationFacts extends PersonFacts {
  rep: string;
  /** the teammate's name */
  repName: string;
  id: number;
  npsScore: number | null;
  /** the teammate's latest ask of this relation (any kind), ISO; null when never asked */
  lastAskAt: string | null;
}

/** A teammate's referral with the person it names and the relation asked. */
export interface TeamReferralFacts {
  rep: string;
  repName: string;
  person: PersonFacts;
  relation: string;
  stage: string;
  askedAt: string;
}

export type Collision =
  | { kind: 'asked'; rep: string; repName: string; relation: string; askedAt: string }
  | { kind: 'pipeline'; rep: string; repName: string; person: string; relation: string; stage: OpenStage; askedAt: string };

/** The teammates' relations that are the same person as `mine`. */
export function sameRelations(mine: PersonFacts, theirs: readonly TeamRelationFacts[]): TeamRelationFacts[] {
  return theirs.filter((t) => samePerson(stripEmail(mine), t));
}

/** E-mail addresses are never shared: comparing them with the cache would only ever fall through to the name. */
function stripEmail(p: PersonFacts): PersonFacts {
  return { name: p.name, company: p.company ?? null, linkedin: p.linkedin ?? null };
}

/** Teammates who asked the same relation within COORDINATION.recentAskDays of `askedAt`, latest first. */
export function recentAskCollisions(mine: PersonFacts, theirs: readonly TeamRelationFacts[], askedAt: Date): Collision[] {
  const window = COORDINATION.recentAskDays * DAY;
  return sameRelations(mine, theirs)
    .filter((t) => t.lastAskAt !== null && Math.abs(askedAt.getTime() - Date.parse(t.lastAskAt)) < window)
    .sort((a, b) => Date.parse(b.lastAskAt!) - Date.parse(a.lastAskAt!))
    .map((t) => ({ kind: 'asked', rep: t.rep, repName: t.repName, relation: t.name, askedAt: t.lastAskAt! }));
}

/** Each referee already in a teammate's open pipeline (one collision per referee and teammate, the latest ask). */
export function pipelineCollisions(referees: readonly PersonFacts[], theirs: readonly TeamReferralFacts[]): Collision[] {
  const out: Collision[] = [];
  for (const referee of referees) {
    const latest = new Map<string, TeamReferralFacts>();
    for (const t of theirs) {
      if (!isOpenStage(t.stage) || !samePerson(stripEmail(referee), t.person)) continue;
      const seen = latest.get(t.rep);
      if (!seen || seen.askedAt < t.askedAt) latest.set(t.rep, t);
    }
    for (const t of [...latest.values()].sort((a, b) => b.askedAt.localeCompare(a.askedAt))) {
      out.push({ kind: 'pipeline', rep: t.rep, repName: t.repName, person: referee.name, relation: t.relation, stage: t.stage as OpenStage, askedAt: t.askedAt });
    }
  }
  return out;
}

/** The warning for a collision, with the teammate's name and how long ago. */
export function collisionWarning(c: Collision, now: Date): string {
  if (c.kind === 'asked') {
    return `${c.repName} (teammate) asked ${c.relation} ${ago(c.askedAt, now)}: agree with ${c.repName} who asks, an ambassador asked twice in a month is an ambassador burnt`;
  }
  return `${c.person} is already in ${c.repName}'s open pipeline (${c.stage}, asked via ${c.relation} ${ago(c.askedAt, now)}): check with ${c.repName} before asking about them`;
}

// ---------------------------------------------------------------------------------------------
// Who knows whom

/** A teammate's connection (or the relation itself) found for `team who-knows`. */
export interface WhoKnowsRow {
  /** the person found */
  name: string;
  title: string | null;
  company: string | null;
  /** the teammate who knows them (their name) */
  rep: string;
  /** the teammate's relation connected to the person */
  relation: string;
  /** the relation's latest NPS score, for the ranking */
  npsScore: number | null;
}

/** A relation's standing for the ranking: promoter 0, passive 1, no answer 2, detractor 3. */
export function standing(npsScore: number | null): number {
  if (npsScore === null) return 2;
  return { promoter: 0, passive: 1, detractor: 3 }[npsClass(npsScore)];
}

/** Whether the person's name or company contains TEXT, case, accents and spacing aside. */
export function matchesText(text: string, row: Pick<WhoKnowsRow, 'name' | 'company'>): boolean {
  const t = foldText(text);
  if (t === '') return false;
  return foldText(row.name).includes(t) || (row.company !== null && foldText(row.company).includes(t));
}

/** The rows that match TEXT, exact name matches first, then promoters before detractors, then by name and teammate. */
export function rankWhoKnows<T extends WhoKnowsRow>(text: string, rows: readonly T[]): T[] {
  const t = foldText(text);
  const keyed = rows
    .filter((r) => matchesText(text, r))
    .map((r) => ({ r, exact: foldText(r.name) === t ? 0 : 1, standing: standing(r.npsScore), name: foldText(r.name), rep: foldText(r.rep) }));
  keyed.sort(
    (a, b) =>
      a.exact - b.exact ||
      a.standing - b.standing ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.rep < b.rep ? -1 : a.rep > b.rep ? 1 : 0) ||
      a.r.relation.localeCompare(b.r.relation),
  );
  return keyed.map((k) => k.r);
}
