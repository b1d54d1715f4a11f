import { describe, expect, it } from 'vitest';
import {
  ago,
  collisionWarning,
  COORDINATION,
  pipelineCollisions,
  pullAge,
  rankWhoKnows,
  recentAskCollisions,
  standing,
  type TeamReferralFacts,
  type TeamRelationFacts,
  type WhoKnowsRow,
} from '../../src/core/coordination.js';

const now = new Date('2026-03-31T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

const theirs = (over: Partial<TeamRelationFacts>): TeamRelationFacts => ({
  rep: 'ana',
  repName: 'Ana Lopez',
  id: 1,
  name: 'Émile de Vries',
  company: 'Brûlé BV',
  linkedin: null,
  npsScore: null,
  lastAskAt: daysAgo(12),
  ...over,
});

describe('a teammate asked the same relation', () => {
  it('warns within 30 days, by name and company with case and accents aside, naming the teammate and how long ago', () => {
    const found = recentAskCollisions({ name: 'emile DE vries', company: 'brule bv' }, [theirs({})], now);
    expect(found).toHaveLength(1);
    expect(collisionWarning(found[0]!, now)).toMatch(/^Ana Lopez \(teammate\) asked Émile de Vries 12 days ago/);
  });

  it('says nothing after 30 days, for another person, or for a relation never asked', () => {
    const mine = { name: 'Émile de Vries', company: 'Brûlé BV' };
    expect(recentAskCollisions(mine, [theirs({ lastAskAt: daysAgo(COORDINATION.recentAskDays + 1) })], now)).toEqual([]);
    expect(recentAskCollisions(mine, [theirs({ company: 'Other BV' })], now)).toEqual([]);
    expect(recentAskCollisions(mine, [theirs({ lastAskAt: null })], now)).toEqual([]);
  });

  it('matches by LinkedIn URL whatever the name, and a different URL is a different person', () => {
    const url = 'https://www.linkedin.com/in/emile-de-vries/';
    expect(recentAskCollisions({ name: 'E. de Vries', company: null, linkedin: 'linkedin.com/in/Emile-de-Vries' }, [theirs({ linkedin: url })], now)).toHaveLength(1);
    expect(recentAskCollisions({ name: 'Émile de Vries', company: 'Brûlé BV', linkedin: 'linkedin.com/in/someone-else' }, [theirs({ linkedin: url })], now)).toEqual([]);
  });

  it('never compares e-mail addresses (they are not shared)', () => {
    expect(recentAskCollisions({ name: 'Émile de Vries', company: 'Brûlé BV', email: 'e@x.test' }, [theirs({})], now)).toHaveLength(1);
  });
});

describe('a referee in a teammate’s open pipeline', () => {
  const referral = (over: Partial<TeamReferralFacts>): TeamReferralFacts => ({
    rep: 'ana',
    repName: 'Ana Lopez',
    person: { name: 'Carla Ruiz', company: 'Nordwind' },
    relation: 'Bram Smit',
    stage: 'introduced',
    askedAt: daysAgo(20),
    ...over,
  });

  it('warns for every open stage, with the stage, the teammate and how long ago', () => {
    for (const stage of COORDINATION.openStages) {
      const found = pipelineCollisions([{ name: 'Carla Ruiz', company: 'Nordwind' }], [referral({ stage })]);
      expect(found).toHaveLength(1);
      expect(collisionWarning(found[0]!, now)).toBe(
        `Carla Ruiz is already in Ana Lopez's open pipeline (${stage}, asked via Bram Smit 20 days ago): check with Ana Lopez before asking about them`,
      );
    }
  });

  it('says nothing once won, declined or lost, or for another person', () => {
    for (const stage of ['won', 'declined', 'lost']) expect(pipelineCollisions([{ name: 'Carla Ruiz', company: 'Nordwind' }], [referral({ stage })])).toEqual([]);
    expect(pipelineCollisions([{ name: 'Carla Ruiz', company: 'Elsewhere' }], [referral({})])).toEqual([]);
  });

  it('names each teammate once, with their latest ask', () => {
    const found = pipelineCollisions([{ name: 'Carla Ruiz', company: 'Nordwind' }], [referral({ askedAt: daysAgo(40), stage: 'asked' }), referral({ askedAt: daysAgo(3) })]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ stage: 'introduced', askedAt: daysAgo(3) });
  });
});

describe('who knows whom', () => {
  const row = (over: Partial<WhoKnowsRow>): WhoKnowsRow => ({ name: 'Carla Ruiz', title: 'CFO', company: 'Nordwind', rep: 'Ana Lopez', relation: 'Bram Smit', npsScore: null, ...over });

  it('finds by name or company, case and accents aside, exact names first, then promoters before detractors', () => {
    const rows = [
      row({ name: 'Carla Ruizenaar', npsScore: 10, rep: 'Bo' }),
      row({ npsScore: 3, rep: 'Cas' }),
      row({ npsScore: 9, rep: 'Dee' }),
      row({ npsScore: null, rep: 'Eva' }),
      row({ npsScore: 8, rep: 'Fay' }),
      row({ name: 'Someone Else', company: 'Nordwind' }),
    ];
    expect(rankWhoKnows('CARLA ruiz', rows).map((r) => r.rep)).toEqual(['Dee', 'Fay', 'Eva', 'Cas', 'Bo']);
    expect(rankWhoKnows('nördwind', rows)).toHaveLength(6);
    expect(rankWhoKnows('nobody', rows)).toEqual([]);
    expect(rankWhoKnows('  ', rows)).toEqual([]);
  });

  it('ranks standing as promoter, passive, no answer, detractor', () => {
    expect([10, 7, null, 0].map(standing)).toEqual([0, 1, 2, 3]);
  });
});

describe('how old', () => {
  it('reads in plain words', () => {
    expect(ago(now, now)).toBe('just now');
    expect(ago(new Date(now.getTime() - 5 * 60_000), now)).toBe('5 minutes ago');
    expect(ago(new Date(now.getTime() - 3 * 3_600_000), now)).toBe('3 hours ago');
    expect(ago(daysAgo(1), now)).toBe('yesterday');
    expect(ago(daysAgo(12), now)).toBe('12 days ago');
    expect(pullAge(null, now)).toMatch(/refer team sync/);
    expect(pullAge(daysAgo(2), now)).toBe('team data from the last pull, 2 days ago');
  });
});
