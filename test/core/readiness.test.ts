import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRITERIA } from '../../src/core/model.js';
import { ASK_NOW_MIN_CRITERIA, readiness, type ReadinessInput } from '../../src/core/readiness.js';

const now = new Date('2026-11-25T10:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

const ambassador: ReadinessInput['relation'] = {
  trust: 5,
  motivation: 'intrinsic',
  knowsAudience: true,
  seller: true,
  seesValue: true,
  experiencedValue: true,
};
const base = (over: Partial<ReadinessInput> = {}): ReadinessInput => ({
  relation: ambassador,
  latestNps: { score: 10, answeredAt: daysAgo(5) },
  latestMoment: { text: 'Our planners finally go home at five', occurredAt: daysAgo(2) },
  lastAskAt: null,
  waiting: 0,
  ...over,
});

describe('readiness', () => {
  it('rates a promoter who meets all four criteria, with a fresh moment, as ask now', () => {
    const r = readiness(base(), now);
    expect(r.askNow).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(80);
    expect(r.reasons.join('\n')).toMatch(/4\/4 ambassador criteria/);
    expect(r.reasons.join('\n')).toMatch(/NPS 10 \(promoter\)/);
    expect(r.reasons.join('\n')).toMatch(/fresh positive moment 2 days ago: "Our planners finally go home at five"/);
  });

  it('never says ask now to a detractor, however strong the rest', () => {
    const r = readiness(base({ latestNps: { score: 4, answeredAt: daysAgo(1) } }), now);
    expect(r.askNow).toBe(false);
    expect(r.reasons.join('\n')).toMatch(/detractor/);
    expect(r.score).toBeLessThan(readiness(base(), now).score);
  });

  it('holds back when an ask is waiting or was made recently, and says why', () => {
    const waiting = readiness(base({ waiting: 3 }), now);
    expect(waiting.askNow).toBe(false);
    expect(waiting.reasons.join('\n')).toMatch(/3 referrals still waiting/);
    const recent = readiness(base({ lastAskAt: daysAgo(10) }), now);
    expect(recent.askNow).toBe(false);
    expect(recent.reasons.join('\n')).toMatch(/asked 10 days ago: give them room/);
    const longAgo = readiness(base({ lastAskAt: daysAgo(90) }), now);
    expect(longAgo.askNow).toBe(true);
  });

  it('ranks by the criteria met and trust, and lists what is not yet assessed', () => {
    const unknown = readiness(
      base({ relation: { ...ambassador, seller: null, seesValue: null, trust: null }, latestNps: null, latestMoment: null }),
      now,
    );
    expect(unknown.askNow).toBe(false);
    expect(unknown.reasons.join('\n')).toMatch(/not yet assessed: is a seller, sees the value/);
    expect(unknown.reasons.join('\n')).toMatch(/no NPS answer yet/);
    const low = readiness(base({ relation: { ...ambassador, trust: 1 } }), now);
    const high = readiness(base({ relation: { ...ambassador, trust: 5 } }), now);
    expect(high.score - low.score).toBe(20);
  });

  it('marks a mercenary and keeps the score within 0..100', () => {
    const r = readiness(base({ relation: { ...ambassador, motivation: 'mercenary' } }), now);
    expect(r.reasons.join('\n')).toMatch(/mercenary/);
    const worst = readiness(
      {
        relation: { trust: 1, motivation: 'mercenary', knowsAudience: false, seller: false, seesValue: false, experiencedValue: false },
        latestNps: { score: 0, answeredAt: daysAgo(1) },
        latestMoment: null,
        lastAskAt: daysAgo(1),
        waiting: 5,
      },
      now,
    );
    expect(worst.score).toBe(0);
  });

  it('a stale moment helps less than a fresh one', () => {
    const fresh = readiness(base(), now).score;
    const stale = readiness(base({ latestMoment: { text: 'x', occurredAt: daysAgo(40) } }), now).score;
    const none = readiness(base({ latestMoment: null }), now).score;
    expect(fresh).toBeGreaterThan(stale);
    expect(stale).toBeGreaterThan(none);
  });
});

describe('ASK_NOW_MIN_CRITERIA (what refer today filters on in SQL)', () => {
  const tri = fc.constantFrom(true, false, null);
  const input = fc.record({
    relation: fc.record({
      trust: fc.option(fc.integer({ min: 1, max: 5 })),
      motivation: fc.constantFrom('intrinsic', 'mercenary', null),
      knowsAudience: tri,
      seller: tri,
      seesValue: tri,
      experiencedValue: tri,
    }),
    latestNps: fc.option(fc.record({ score: fc.integer({ min: 0, max: 10 }), answeredAt: fc.integer({ min: 0, max: 400 }).map(daysAgo) })),
    latestMoment: fc.option(fc.record({ text: fc.constant('They said we saved their summer'), occurredAt: fc.integer({ min: 0, max: 90 }).map(daysAgo) })),
    lastAskAt: fc.option(fc.integer({ min: 0, max: 90 }).map(daysAgo)),
    waiting: fc.integer({ min: 0, max: 2 }),
  }) as fc.Arbitrary<ReadinessInput>;
  const met = (r: ReadinessInput['relation']) => CRITERIA.filter((c) => r[c.key] === true).length;

  it('never leaves out a relation that readiness calls ask-now', () => {
    fc.assert(fc.property(input, (i) => !readiness(i, now).askNow || met(i.relation) >= ASK_NOW_MIN_CRITERIA), { numRuns: 5000 });
  });

  it('is the tightest such bound: with exactly that many criteria a relation can be ask-now', () => {
    const [a, b] = CRITERIA.slice(0, ASK_NOW_MIN_CRITERIA).map((c) => c.key);
    const relation = { ...ambassador, knowsAudience: false, seller: false, seesValue: false, experiencedValue: false, ...(a && { [a]: true }), ...(b && { [b]: true }) };
    expect(met(relation)).toBe(ASK_NOW_MIN_CRITERIA);
    expect(readiness(base({ relation }), now).askNow).toBe(true);
    expect(readiness(base({ relation: { ...relation, [CRITERIA[ASK_NOW_MIN_CRITERIA - 1]!.key]: false } }), now).askNow).toBe(false);
  });
});
