// The demo database: a rep, their ICP, relations with NPS answers and moments, imported networks,
// asks whose scripts come from the real templates, referrals moved through the stage machine, and
// follow-ups kept, late or forgotten. Deterministic: the same seed, scale and `now` give the same
// database (in the same time zone: times of day are local, as a rep's would be).

import { PATH_STAGES, type PathStage, type Stage } from '../core/model.js';
import { applyMove, type StageFields } from '../core/stages.js';
import { bulkLoad, bulkWriter, type BulkWriter } from '../db/repos/bulk.js';
import { isSetUp } from '../db/repos/today.js';
import { saveIcp, saveProfile } from '../db/repos/profile.js';
import type { Db } from '../db/open.js';
import { FailureError, UsageError } from '../errors.js';
import { defaultTemplateDirs, type TemplateDirs } from '../templates/load.js';
import { connection, DEMO_ICP, DEMO_PROFILE, linkedinUrl, type ConnectionDraft } from './people.js';
import { mixSeed, Rng } from './random.js';
import { Scripts } from './scripts.js';
import { DEMO_STORIES, randomStory, type Story, type StoryAsk, type StoryFollowup } from './stories.js';

/** Bump whenever the same seed would give a different database (benchmarks cache by it). */
export const GENERATOR_VERSION = 1;

/** The seed of `refer demo` unless --seed says otherwise. */
export const DEMO_SEED = 1;

/** How far back the asks go (about six months). */
export const HISTORY_DAYS = 182;

/** Relations per unit of scale beyond the twelve stories of scale 1. */
const RELATIONS_PER_SCALE = 20;

export interface DemoOptions {
  seed?: number;
  /** 1: the demo (twelve relations); n: about 20·n relations with 15 connections and 5 asks each */
  scale?: number;
  now: Date;
  /** where the ask templates are; default: the built-in ones only */
  templates?: TemplateDirs;
  /** the shape of a long-used database (the bench's realistic scale); default: the demo's */
  shape?: DemoShape;
}

/**
 * A database shaped like a power user's after years of use, rather than the demo's proportions.
 * Each option changes only the relations or follow-ups it names; without one the draws are the demo's.
 */
export interface DemoShape {
  /** the first generated relation (after the stories) has this many connections: a big network */
  bigNetwork?: number;
  /** the share of the generated asks that booked a follow-up (default: every one) */
  followupShare?: number;
  /** a rep who keeps up: a past follow-up of a generated ask is almost never left open */
  diligent?: boolean;
}

export interface DemoCounts {
  relations: number;
  npsAnswers: number;
  moments: number;
  connections: number;
  asks: number;
  referrals: number;
  referralEvents: number;
  followups: number;
}

/** How many relations a scale gives: twelve at 1, then 20 more per step (19,992 at 1000). */
export function relationCount(scale: number): number {
  return DEMO_STORIES.length + Math.round(RELATIONS_PER_SCALE * (scale - 1));
}

const DAY_MS = 86_400_000;
const FOLLOW_UP_TIMES = ['09:30', '10:00', '10:00', '10:30', '11:00', '14:00', '15:00', '16:00'] as const;

/** Fills an empty database with the demo, in one transaction. */
export function generateDemo(db: Db, opts: DemoOptions): DemoCounts {
  const seed = opts.seed ?? DEMO_SEED;
  const scale = opts.scale ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`the seed must be a whole number of 0 or more, got ${seed}`);
  if (!Number.isFinite(scale) || scale < 1) throw new UsageError(`the scale must be 1 or more, got ${scale}`);
  if (isSetUp(db)) throw new FailureError('the demo goes into an empty database; this one has a profile or relations already');

  const counts: DemoCounts = { relations: 0, npsAnswers: 0, moments: 0, connections: 0, asks: 0, referrals: 0, referralEvents: 0, followups: 0 };
  const scripts = new Scripts(opts.templates ?? { builtinDir: defaultTemplateDirs({}).builtinDir }, DEMO_PROFILE);
  const calendar = new Calendar(opts.now);
  const total = relationCount(scale);
  bulkLoad(db, () => {
    saveProfile(db, DEMO_PROFILE, opts.now);
    saveIcp(db, DEMO_ICP, opts.now);
    const shape = opts.shape ?? {};
    const writer = new StoryWriter(bulkWriter(db), scripts, calendar, counts, shape);
    for (let i = 0; i < total; i++) {
      // Each relation draws from its own stream: relation i is the same at every scale.
      const rng = new Rng(mixSeed(seed, i));
      const story = DEMO_STORIES[i] ?? randomStory(rng, HISTORY_DAYS);
      const big = i === DEMO_STORIES.length && shape.bigNetwork !== undefined;
      writer.write(big ? { ...story, connections: shape.bigNetwork! } : story, rng, i);
    }
  });
  return counts;
}

/** Local calendar days counted back from `now`. */
class Calendar {
  readonly now: Date;
  private readonly y: number;
  private readonly m: number;
  private readonly d: number;

  constructor(now: Date) {
    this.now = now;
    this.y = now.getFullYear();
    this.m = now.getMonth();
    this.d = now.getDate();
  }

  /** `day` days before today (negative: after) at local "HH:mm", or at hour/minute numbers. */
  at(day: number, time: string | [number, number]): Date {
    const [h, min] = typeof time === 'string' ? (time.split(':').map(Number) as [number, number]) : time;
    return new Date(this.y, this.m, this.d - day, h, min);
  }

  /** The nearest weekday: searching back in time (`later` false) or forward. */
  weekday(day: number, later: boolean): number {
    let d = day;
    for (;;) {
      const wd = new Date(this.y, this.m, this.d - d, 12).getDay();
      if (wd !== 0 && wd !== 6) return d;
      d += later ? -1 : 1;
    }
  }
}

/** A working time of day: 08:00–17:55 in steps of five minutes. */
const workTime = (rng: Rng): [number, number] => [rng.int(8, 17), rng.int(0, 11) * 5];

// ---- referrals: where each one ends, and the way there ----

/** Days a step takes, from the previous stage (min, max). */
const STEP_DAYS: Record<Exclude<Stage, 'asked'>, [number, number]> = {
  agreed: [1, 6],
  introduced: [2, 12],
  meeting: [3, 16],
  opportunity: [4, 20],
  won: [10, 40],
  lost: [5, 35],
  declined: [1, 10],
};

const STAGE_NOTES: Partial<Record<Stage, readonly string[]>> = {
  agreed: ['Happy for me to mention their name.', 'Fine to use the name; will give them a heads-up first.', 'Yes, and say hello from me.'],
  declined: ['Not the right moment: they just signed with another supplier.', 'Would rather not mix this with a friendship.', 'Does not know them well enough to vouch.'],
  introduced: ['Introduced us by e-mail.', 'Forwarded the short message on WhatsApp.', 'Made the introduction at a sector event.'],
  meeting: ['Intro call went well: they plan routes in spreadsheets today.', 'Visited their depot.', 'Demo with their planners.'],
  opportunity: ['Asked for a proposal for their whole fleet.', 'A trial for one depot is on the table.'],
  won: ['Signed a one-year licence.', 'Signed for two depots.'],
  lost: ['Staying with their current planner for now.', 'Budget frozen until next year.', 'Went with PlanRoute.'],
};

/** Where a referral of a generated relation ends, for an ask old enough to have run its course. */
function sampleFate(rng: Rng, warmth: number): Stage {
  if (!rng.chance(0.35 + 0.5 * warmth)) return rng.chance(0.08) ? 'asked' : 'declined';
  return rng.weighted<Stage>({ agreed: 5, introduced: 6, meeting: 5, opportunity: 6, won: 25 * warmth, lost: 45 });
}

/** The stages after `asked` on the way to `fate`; a step is skipped now and then, as in life. */
function pathTo(rng: Rng, fate: Stage): Stage[] {
  if (fate === 'asked') return [];
  if (fate === 'declined') return ['declined'];
  if (fate === 'lost') return [...pathTo(rng, rng.weighted<PathStage>({ agreed: 2, introduced: 3, meeting: 3, opportunity: 4 })), 'lost'];
  const steps: Stage[] = PATH_STAGES.slice(1, PATH_STAGES.indexOf(fate) + 1);
  // never skip the last step: that is where it ends
  return steps.filter((s, i) => i === steps.length - 1 || !(s === 'agreed' ? rng.chance(0.12) : s === 'introduced' ? rng.chance(0.1) : s === 'opportunity' && rng.chance(0.1)));
}

// ---- writing one relation ----

interface PlannedAsk {
  ask: StoryAsk;
  /** indexes into the relation's connections, with where each referral ends */
  referees: Array<{ index: number; fate: Stage }>;
}

class StoryWriter {
  constructor(
    private readonly w: BulkWriter,
    private readonly scripts: Scripts,
    private readonly cal: Calendar,
    private readonly counts: DemoCounts,
    private readonly shape: DemoShape = {},
  ) {}

  write(story: Story, rng: Rng, serial: number): void {
    const { cal, w, counts } = this;
    const iso = (d: Date) => d.toISOString();
    const relationId = w.relation({
      name: story.name,
      company: story.company,
      role: story.role,
      linkedin: linkedinUrl(story.name, serial),
      email: story.email,
      kind: story.kind,
      trust: story.trust,
      knowsAudience: story.criteria[0],
      seller: story.criteria[1],
      seesValue: story.criteria[2],
      experiencedValue: story.criteria[3],
      motivation: story.motivation,
      note: story.note,
      createdAt: iso(cal.at(story.createdDay, workTime(rng))),
    });
    counts.relations++;

    for (const a of story.nps) w.nps(relationId, a.score, iso(cal.at(a.day, workTime(rng))), a.comment ?? null);
    counts.npsAnswers += story.nps.length;
    const moments = story.moments.map((m) => ({ ...m, occurredAt: this.past(cal.at(m.day, workTime(rng)), rng) }));
    for (const m of moments) w.moment(relationId, m.text, m.kind, iso(m.occurredAt));
    counts.moments += moments.length;

    const drafts = Array.from({ length: story.connections }, (_, j) => connection(rng, story.fitShare, j, cal.now));
    const plan = this.plan(story, drafts, rng);

    // The network was imported before the first ask; the shortlist was picked after the last one.
    const oldestAsk = Math.max(-1, ...story.asks.map((a) => a.day));
    const importDay = rng.int(Math.min(story.createdDay, oldestAsk + 1), story.createdDay);
    const importedAt = iso(cal.at(importDay, workTime(rng)));
    const shortlisted = this.shortlist(story, drafts, plan, rng);
    const latestAsk = Math.min(...story.asks.map((a) => a.day), importDay);
    const shortlistedAt = iso(this.past(cal.at(rng.int(0, Math.max(0, Math.min(latestAsk - 1, 10))), workTime(rng)), rng));
    const connectionIds = drafts.map((d, j) =>
      w.connection({ ...d, relationId, source: 'linkedin', shortlistedAt: shortlisted.has(j) ? shortlistedAt : null, createdAt: importedAt }),
    );
    counts.connections += drafts.length;

    for (const p of plan) this.writeAsk(story, relationId, p, drafts, connectionIds, moments, rng);
    for (const f of story.followups) {
      const dueAt = cal.at(cal.weekday(f.day, true), f.at);
      const bookedAt = this.past(new Date(dueAt.getTime() - rng.int(2, 14) * DAY_MS), rng);
      this.writeFollowup(relationId, null, f, dueAt, bookedAt, rng);
    }
  }

  /** Which connections each ask names: fitting ones first, never one whose referral is still open or won. */
  private plan(story: Story, drafts: ConnectionDraft[], rng: Rng): PlannedAsk[] {
    const order = rng.shuffle(drafts.map((_, i) => i)).sort((a, b) => Number(drafts[b]!.good) - Number(drafts[a]!.good));
    const lastFate = new Map<number, Stage>();
    const free = (i: number) => {
      const f = lastFate.get(i);
      return f === undefined || f === 'declined' || f === 'lost';
    };
    return [...story.asks]
      .sort((a, b) => b.day - a.day)
      .map((ask) => {
        if (ask.kind !== 'referral') return { ask, referees: [] };
        const fates = ask.fates ?? Array.from({ length: ask.referees ?? 3 }, () => sampleFate(rng, story.warmth));
        const fresh = order.filter((i) => !lastFate.has(i));
        const again = order.filter((i) => lastFate.has(i) && free(i));
        const chosen = [...fresh, ...again].slice(0, fates.length);
        if (chosen.length === 0) {
          // nobody left to name: a smaller ask instead
          return { ask: { ...ask, kind: 'quote', channel: ask.channel === 'linkedin' ? 'linkedin' : 'email', fates: undefined }, referees: [] };
        }
        const referees = chosen.map((index, k) => ({ index, fate: fates[k]! }));
        for (const r of referees) lastFate.set(r.index, r.fate);
        return { ask, referees };
      });
  }

  /** The shortlist for the next ask: fitting connections that no ask has named yet. */
  private shortlist(story: Story, drafts: ConnectionDraft[], plan: PlannedAsk[], rng: Rng): Set<number> {
    if (story.shortlist === 0) return new Set();
    const named = new Set(plan.flatMap((p) => p.referees.map((r) => r.index)));
    const candidates = rng.shuffle(drafts.map((_, i) => i).filter((i) => !named.has(i) && drafts[i]!.good));
    return new Set(candidates.slice(0, story.shortlist));
  }

  /** Never later than now: an event of today may not be in the future. */
  private past(at: Date, rng: Rng): Date {
    const now = this.cal.now.getTime();
    return at.getTime() <= now ? at : new Date(now - rng.int(5, 90) * 60_000);
  }

  private writeAsk(
    story: Story,
    relationId: number,
    p: PlannedAsk,
    drafts: ConnectionDraft[],
    connectionIds: number[],
    moments: Array<{ text: string; occurredAt: Date }>,
    rng: Rng,
  ): void {
    const { cal, w, counts } = this;
    const { ask } = p;
    const day = cal.weekday(ask.day, false);
    const askedAt = this.past(cal.at(day, workTime(rng)), rng);
    const followUp: StoryFollowup = ask.followUp ?? this.sampleFollowup(day, rng);
    // a long-used database: not every generated ask booked a follow-up
    const booked = ask.followUp !== undefined || this.shape.followupShare === undefined || rng.chance(this.shape.followupShare);
    const dueAt = cal.at(cal.weekday(followUp.day, true), followUp.at);
    const minutes = rng.chance(0.85) ? 15 : rng.pick([20, 30]);
    const moment = moments.filter((m) => m.occurredAt <= askedAt).at(-1) ?? null;
    const named = p.referees.map((r) => drafts[r.index]!);
    const rendered = this.scripts.render(
      { kind: ask.kind, channel: ask.channel, lang: story.lang },
      { relation: { name: story.name, company: story.company }, moment, connections: named, followUpAt: dueAt, minutes },
    );
    const askedIso = askedAt.toISOString();
    const askId = w.ask({
      relationId,
      channel: ask.channel,
      kind: ask.kind,
      template: rendered.template,
      lang: story.lang,
      askedAt: askedIso,
      script: rendered.script,
      forward: rendered.forward,
    });
    counts.asks++;

    for (const r of p.referees) {
      const explicit = ask.fates !== undefined;
      const steps = this.timeline(pathTo(rng, r.fate), day, askedAt, explicit, rng);
      let fields: StageFields = { stage: 'asked', reached: 'asked', agreedAt: null, introducedAt: null, meetingAt: null, opportunityAt: null, wonAt: null, closedAt: null };
      let value: number | null = null;
      const events: Array<{ stage: Stage; at: string; value: number | null; note: string | null }> = [{ stage: 'asked', at: askedIso, value: null, note: null }];
      for (const step of steps) {
        const at = step.at.toISOString();
        const stepValue: number | null = step.stage === 'opportunity' ? 500 * rng.int(12, 96) : step.stage === 'won' ? (value ?? 500 * rng.int(12, 96)) : null;
        if (stepValue !== null) value = stepValue;
        const notes = STAGE_NOTES[step.stage];
        events.push({ stage: step.stage, at, value: stepValue, note: notes && rng.chance(0.35) ? rng.pick(notes) : null });
        fields = applyMove(fields, step.stage, at);
      }
      const referralId = w.referral({
        ...fields,
        askId,
        connectionId: connectionIds[r.index]!,
        askedAt: askedIso,
        value,
        updatedAt: events[events.length - 1]!.at,
      });
      for (const e of events) w.event({ referralId, ...e });
      counts.referrals++;
      counts.referralEvents += events.length;
    }
    if (booked) this.writeFollowup(relationId, askId, followUp, dueAt, askedAt, rng, minutes);
  }

  /**
   * When each step happened. Written stories (`fit`) reach their fate before today, the steps
   * squeezed to fit; sampled ones stop at today, so that recent asks are still under way.
   */
  private timeline(stages: Stage[], askDay: number, askedAt: Date, fit: boolean, rng: Rng): Array<{ stage: Stage; at: Date }> {
    let days = stages.map((s) => rng.int(...STEP_DAYS[s as Exclude<Stage, 'asked'>]));
    const total = days.reduce((a, b) => a + b, 0);
    if (fit && total > askDay - 1) days = days.map((d) => Math.floor((d * Math.max(0, askDay - 1)) / total));
    const out: Array<{ stage: Stage; at: Date }> = [];
    let day = askDay;
    let prev = askedAt;
    for (const [i, stage] of stages.entries()) {
      day -= days[i]!;
      let at = this.cal.at(day, workTime(rng));
      if (at <= prev) at = new Date(prev.getTime() + rng.int(1, 3) * 3_600_000);
      if (at > this.cal.now) break;
      out.push({ stage, at });
      prev = at;
    }
    return out;
  }

  /** The follow-up booked with a generated ask: two to six days later, kept, late or let slip. */
  private sampleFollowup(askDay: number, rng: Rng): StoryFollowup {
    const day = askDay - rng.int(2, 6);
    const at = rng.pick(FOLLOW_UP_TIMES);
    if (day < 0) return { day, at, done: 'open' };
    // a rep lets a recent one slip now and then; an old one was nearly always dealt with
    const open = this.shape.diligent ? 0.02 : day <= 10 ? 4 : 0.2;
    return { day, at, done: rng.weighted({ onTime: 8, late: 2, open }) };
  }

  private writeFollowup(relationId: number, askId: number | null, f: StoryFollowup, dueAt: Date, bookedAt: Date, rng: Rng, minutes = 15): void {
    const now = this.cal.now.getTime();
    let doneAt: Date | null = null;
    if (f.done !== 'open' && dueAt.getTime() <= now) {
      const late = f.done === 'late' ? rng.int(1, 5) * DAY_MS : 0;
      const t = dueAt.getTime() + late + rng.int(0, 90) * 60_000;
      doneAt = new Date(Math.min(t, now - rng.int(1, 60) * 60_000));
      if (doneAt.getTime() < dueAt.getTime()) doneAt = dueAt;
    }
    const createdAt = bookedAt.toISOString();
    this.w.followup({
      uid: `${rng.uuid()}@refer`,
      relationId,
      askId,
      dueAt: dueAt.toISOString(),
      durationMinutes: minutes,
      note: f.note ?? null,
      doneAt: doneAt ? doneAt.toISOString() : null,
      doneNote: doneAt ? (f.doneNote ?? null) : null,
      createdAt,
      updatedAt: doneAt ? doneAt.toISOString() : createdAt,
    });
    this.counts.followups++;
  }
}
