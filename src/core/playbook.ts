// The guided playbook (`refer playbook`): its four steps, why each one matters, what is saved
// between sessions, and where a relation's walk resumes.
import { z } from 'zod';
import { ASK_KINDS, CHANNELS, CRITERIA, type CriterionKey, type Relation } from './model.js';

export interface StepInfo {
  name: string;
  number: number;
  title: string;
  /** the playbook's rule behind the step, in one or two sentences */
  why: string;
}

export const PLAYBOOK_STEPS = [
  {
    name: 'relation',
    number: 1,
    title: 'Pick a trusted relation',
    why:
      'An introduction lends someone else’s trust, so it works best through a person who knows your audience, likes to recommend, sees what their contacts would gain and has felt your value. ' +
      'Their NPS answer is the quickest check: 9 or 10 makes a promoter.',
  },
  {
    name: 'connections',
    number: 2,
    title: 'List 5–10 connections who fit your ICP',
    why: 'A concrete ask names people instead of “anyone you know”. Five to ten who fit your ICP keeps it specific: fewer is thin, more reads as a spam list.',
  },
  {
    name: 'ask',
    number: 3,
    title: 'Draft a value-focused ask',
    why:
      'Put the people they would help at the centre, reuse what the relation valued in their own words, and ask only to mention their name, never for phone numbers or e-mail addresses. ' +
      'A short message they can forward keeps your story from getting lost in the retelling.',
  },
  {
    name: 'followup',
    number: 4,
    title: 'Book the 15-minute follow-up',
    why: 'A relation may need time to think; an agreed short call gives them room without letting the ask fade away.',
  },
] as const satisfies readonly StepInfo[];

export type StepName = (typeof PLAYBOOK_STEPS)[number]['name'];

export function stepInfo(name: StepName): StepInfo {
  return PLAYBOOK_STEPS.find((s) => s.name === name)!;
}

/** What a relation's walk keeps between sessions besides what is stored in its own tables. */
export interface PlaybookState {
  /** the accepted draft of step 3, so step 4 can resume without asking again */
  kind?: (typeof ASK_KINDS)[number];
  channel?: (typeof CHANNELS)[number];
  connectionIds?: number[];
}

// Each field is kept only when valid: a state written by another version never breaks a resume.
const StateSchema = z.object({
  kind: z.enum(ASK_KINDS).optional().catch(undefined),
  channel: z.enum(CHANNELS).optional().catch(undefined),
  connectionIds: z.array(z.number().int().positive()).optional().catch(undefined),
});

/** Reads a saved state (parsed JSON); anything unreadable becomes an empty state. */
export function readState(value: unknown): PlaybookState {
  const parsed = StateSchema.safeParse(value);
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as PlaybookState;
}

export interface SavedProgress {
  step: string;
  state: PlaybookState;
}

/**
 * The step a saved walk resumes at: the step it was left in, unless what that step relies on has
 * gone since. Step 4 needs the draft accepted in step 3 (and its connections still there); a
 * referral ask in step 3 needs a shortlist.
 */
export function resumeStep(saved: SavedProgress, facts: { shortlisted: number; draftConnectionsGone: boolean }): StepName {
  const known = PLAYBOOK_STEPS.find((s) => s.name === saved.step);
  if (!known) return 'relation';
  let step: StepName = known.name;
  if (step === 'followup') {
    const { kind, channel, connectionIds } = saved.state;
    const complete = kind && channel && connectionIds && (kind !== 'referral' || connectionIds.length > 0);
    if (!complete || facts.draftConnectionsGone) step = 'ask';
  }
  if (step === 'ask' && facts.shortlisted === 0) step = 'connections';
  return step;
}

/** The criteria the rep has not assessed yet for this relation (null in the database). */
export function missingCriteria(relation: Pick<Relation, CriterionKey>): Array<(typeof CRITERIA)[number]> {
  return CRITERIA.filter((c) => relation[c.key] === null);
}
