import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../src/core/benchmarks.js';
import { computeStats, type StatsInput, type StatsReferral } from '../../src/core/stats.js';
import { UsageError } from '../../src/errors.js';
import { input, MARCH_FROM, MARCH_TO, NOW } from '../fixtures/stats.js';

const march = { from: MARCH_FROM, to: MARCH_TO, now: NOW };

function interval3(i: { low: number; high: number } | null): [number, number] | null {
  return i ? [Number(i.low.toFixed(3)), Number(i.high.toFixed(3))] : null;
}

it('runs in Europe/Amsterdam, which the fixture dates are chosen for (vitest.config.ts env TZ)', () => {
  expect(MARCH_FROM.getDate()).toBe(1);
  expect(MARCH_FROM.getHours()).toBe(0);
  expect(MARCH_TO.getHours()).toBe(0);
});

describe('computeStats over March 2026', () => {
  const report = computeStats(input, march);

  it('names the period by its local days', () => {
    expect(report.from).toBe('2026-03-01');
    expect(report.to).toBe('2026-03-31');
  });

  it('counts every referral that reached a stage, even when lost later or a stage was skipped', () => {
    // reached: won, meeting(lost), asked(declined), won(skipped 3 stages), agreed, opportunity,
    // asked, agreed(lost), introduced, asked(declined) — asks 5, 7 and 12 fall outside March
    expect(report.funnel).toEqual({
      asked: 10,
      agreed: 7,
      introduced: 5,
      meeting: 4,
      opportunity: 3,
      won: 2,
      declined: 2,
      lost: 2,
    });
  });

  it('divides every stage by the asks', () => {
    expect(report.rates).toEqual({ agreed: 0.7, introduced: 0.5, meeting: 0.4, opportunity: 0.3, won: 0.2 });
  });

  it('divides every stage by the one before it', () => {
    expect(report.steps).toEqual({
      askedToAgreed: 7 / 10,
      agreedToIntroduced: 5 / 7,
      introducedToMeeting: 4 / 5,
      meetingToOpportunity: 3 / 4,
      opportunityToWon: 2 / 3,
    });
  });

  it('keeps the counts and their 95 % Wilson ranges next to each rate', () => {
    expect(report.counts.won).toMatchObject({ count: 2, of: 10, text: '2/10' });
    expect(interval3(report.counts.won.interval)).toEqual([0.057, 0.51]);
    expect(report.counts.agreedToIntroduced.text).toBe('5/7');
    expect(interval3(report.counts.askedToAgreed.interval)).toEqual([0.397, 0.892]);
    expect(Object.keys(report.counts).sort()).toEqual(
      [...Object.keys(report.rates), ...Object.keys(report.steps)].sort(),
    );
  });

  it('takes the median days between stages (odd count: the middle one; even: the mean of the two middle ones)', () => {
    // ask → intro: 1.5, 2, 3, 4, 25.5 → 3
    // intro → meeting: 0, 1.5, 7, 10 → (1.5 + 7) / 2 = 4.25 → 4.3
    // ask → won: 25.5, 28 → 26.75 → 26.8
    expect(report.medianDays).toEqual({ askToIntro: 3, introToMeeting: 4.3, askToWon: 26.8 });
  });

  it('counts follow-ups done on or before their local due day', () => {
    // due in March: on the day, 25 min after the local day ended, two days late, never, early
    expect(report.followups).toEqual({ due: 5, doneOnTime: 2, overdue: 1 });
  });

  it('scores NPS on each relation’s latest answer', () => {
    expect(report.nps).toEqual({ score: 20, promoters: 5, passives: 2, detractors: 3, responses: 10 });
  });

  it('counts how many promoters were ever asked', () => {
    expect(report.promoterAskRate).toEqual({ asked: 4, promoters: 5, rate: 0.8 });
  });

  it('has no groups and no caveats when none apply', () => {
    expect(report.groups).toEqual([]);
    expect(report.notes).toEqual([]);
  });
});

describe('period boundaries', () => {
  it('counts an ask made late on the --until day, not one just after midnight', () => {
    const lastDay = new Date('2026-03-30T22:00:00.000Z'); // 31 Mar 00:00 local
    const onlyLastDay = computeStats(input, { from: lastDay, to: lastDay, now: NOW });
    expect(onlyLastDay.funnel.asked).toBe(1); // ask 4 at 23:30; ask 5 at 00:30 on 1 Apr is out
    expect(onlyLastDay.funnel.introduced).toBe(1);
    const nextDay = new Date('2026-03-31T22:00:00.000Z'); // 1 Apr 00:00 local
    expect(computeStats(input, { from: nextDay, to: nextDay, now: NOW }).funnel).toMatchObject({ asked: 1, won: 1 });
  });

  it('counts an ask made just after midnight on the --since day, not one just before', () => {
    const firstDay = computeStats(input, { from: MARCH_FROM, to: MARCH_FROM, now: NOW });
    expect(firstDay.funnel).toMatchObject({ asked: 1, declined: 1, won: 0 }); // ask 6, not ask 7
  });

  it('takes any instant of the until day as the whole day', () => {
    const afternoon = new Date('2026-03-31T13:00:00.000Z');
    expect(computeStats(input, { ...march, to: afternoon }).funnel.asked).toBe(10);
  });

  it('without a period covers everything', () => {
    expect(computeStats(input, { from: null, to: null, now: NOW }).funnel.asked).toBe(12);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => computeStats(input, { from: MARCH_TO, to: MARCH_FROM, now: NOW })).toThrow(UsageError);
    expect(() => computeStats(input, { from: MARCH_TO, to: MARCH_FROM, now: NOW })).toThrow(
      '--since 2026-03-31 is after --until 2026-03-01',
    );
  });

  it('counts follow-ups due up to now, not those still ahead', () => {
    // all but the one due 20 Apr; overdue: 20 Mar, 1 Apr, 27 Feb
    expect(computeStats(input, { from: null, to: null, now: NOW }).followups).toEqual({
      due: 7,
      doneOnTime: 2,
      overdue: 3,
    });
  });
});

describe('groups', () => {
  it('by channel: most wins first, then the highest agreement rate', () => {
    const { groups, notes } = computeStats(input, { ...march, by: 'channel' });
    // email 1 win, 2/2 agreed; call 1 win, 3/4 agreed; linkedin 0 wins
    expect(groups.map((g) => [g.key, g.funnel.asked, g.funnel.agreed, g.funnel.won])).toEqual([
      ['email', 2, 2, 1],
      ['call', 4, 3, 1],
      ['linkedin', 4, 2, 0],
    ]);
    const call = groups[1]!;
    expect(call.funnel).toEqual({ asked: 4, agreed: 3, introduced: 3, meeting: 2, opportunity: 1, won: 1, declined: 1, lost: 1 });
    expect(call.rates.agreed).toBe(0.75);
    expect(call.steps.introducedToMeeting).toBe(2 / 3);
    expect(call.counts.won.text).toBe('1/4');
    // ask → intro 1.5, 3, 4; intro → meeting 7, 10; ask → won 28
    expect(call.medianDays).toEqual({ askToIntro: 3, introToMeeting: 8.5, askToWon: 28 });
    expect(notes).toEqual(['Only 2 asks for email: too few to tell whether one channel works better than another.']);
  });

  it('by relation: labelled by name, keyed by id', () => {
    const { groups } = computeStats(input, { ...march, by: 'relation' });
    // Ada 2 wins; then no wins: Cleo 1/1 agreed, Bram 2/3, Dmitri 0/1
    expect(groups.map((g) => [g.key, g.label, g.funnel.asked, g.funnel.won])).toEqual([
      ['1', 'Ada Vermeer', 5, 2],
      ['3', 'Cleo Marchetti', 1, 0],
      ['2', 'Bram Olsen', 3, 0],
      ['4', 'Dmitri Falk', 1, 0],
    ]);
  });

  it('by template', () => {
    const { groups } = computeStats(input, { ...march, by: 'template' });
    expect(groups.map((g) => [g.key, g.funnel.asked, g.funnel.agreed, g.funnel.won])).toEqual([
      ['short-forward', 2, 2, 1],
      ['value-focused', 8, 5, 1],
    ]);
  });

  it('by month: keyed by the local month of the ask, in calendar order', () => {
    const { groups } = computeStats(input, { from: null, to: null, now: NOW, by: 'month' });
    // 28 Feb 23:30 local; the ten March asks (1 Mar 00:30 local included); 1 Apr 00:30 local
    expect(groups.map((g) => [g.key, g.label, g.funnel.asked, g.funnel.won])).toEqual([
      ['2026-02', '2026-02', 1, 1],
      ['2026-03', '2026-03', 10, 2],
      ['2026-04', '2026-04', 1, 1],
    ]);
  });
});

describe('caveats', () => {
  function referral(id: number, channel: StatsReferral['channel'], agreed: boolean): StatsReferral {
    return {
      id,
      askId: id,
      relationId: id,
      relationName: `Relation ${id}`,
      channel,
      template: 'value-focused',
      askedAt: '2026-03-10T10:00:00.000Z',
      stage: agreed ? 'agreed' : 'declined',
      reached: agreed ? 'agreed' : 'asked',
      agreedAt: agreed ? '2026-03-11T10:00:00.000Z' : null,
    };
  }
  function batch(start: number, n: number, channel: StatsReferral['channel'], agreedCount: number): StatsReferral[] {
    return Array.from({ length: n }, (_, i) => referral(start + i, channel, i < agreedCount));
  }
  const base: StatsInput = { referrals: [], followups: [], latestNps: input.latestNps, askedRelationIds: [] };

  it('says when there are too few asks to compare at all', () => {
    const tenToFifteen = computeStats(input, {
      from: new Date('2026-03-09T23:00:00.000Z'),
      to: new Date('2026-03-14T23:00:00.000Z'),
      now: NOW,
      by: 'channel',
    });
    expect(tenToFifteen.funnel.asked).toBe(5);
    expect(tenToFifteen.notes).toEqual([
      'Only 5 asks in this period: too few for the rates to say much; read the ranges, not the percentages.',
      'Only 5 asks so far: too few to tell whether one channel works better than another.',
    ]);
  });

  it('says when the best and the worst group overlap', () => {
    const report = computeStats(
      { ...base, referrals: [...batch(1, 10, 'email', 6), ...batch(11, 10, 'call', 4)] },
      { ...march, by: 'channel' },
    );
    expect(report.notes).toEqual([
      'email and call still overlap (agreed 6/10 against 4/10, won 0/10 against 0/10): the difference between the best and the worst channel may be chance.',
    ]);
  });

  it('stays silent when the groups clearly differ', () => {
    const report = computeStats(
      { ...base, referrals: [...batch(1, 12, 'email', 12), ...batch(13, 12, 'call', 0)] },
      { ...march, by: 'channel' },
    );
    expect(report.groups.map((g) => g.counts.askedToAgreed.text)).toEqual(['12/12', '0/12']);
    expect(report.notes).toEqual([]);
  });

  it('says when the NPS rests on few answers', () => {
    const report = computeStats({ ...input, latestNps: input.latestNps.slice(0, 3) }, march);
    expect(report.notes).toEqual(['The NPS rests on only 3 answers.']);
  });
});

describe('benchmarks', () => {
  const { benchmarks } = computeStats(input, march);
  const byKey = (key: string) => benchmarks.find((b) => b.key === key)!;

  it('lists every declared benchmark once', () => {
    expect(benchmarks.map((b) => b.key)).toEqual(BENCHMARKS.map((b) => b.key));
  });

  it('sets the win rate against the 2 % referral conversion', () => {
    const b = byKey('referralConversion');
    expect(b).toMatchObject({ value: 0.02, yours: 0.2, yoursText: '2/10', verdict: 'above' });
    expect(interval3(b.interval)).toEqual([0.057, 0.51]);
  });

  it('judges on the range, not the point: 7/10 agreed is below 91 % but may match 87 %', () => {
    expect(byKey('willingWhenAsked')).toMatchObject({ yours: 0.7, yoursText: '7/10', verdict: 'below' });
    expect(byKey('willingWhenAskedBain')).toMatchObject({ yours: 0.7, verdict: 'unclear' });
  });

  it('sets won ÷ introduced against the ambassador effect', () => {
    expect(byKey('ambassadorEffect')).toMatchObject({ value: 0.25, yours: 0.4, yoursText: '2/5', verdict: 'unclear' });
  });

  it('sets the promoters asked against the 11 % of reps who ask', () => {
    expect(byKey('repsWhoAsk')).toMatchObject({ yours: 0.8, yoursText: '4/5', verdict: 'above' });
  });

  it('sets the NPS against the threshold of 50', () => {
    expect(byKey('npsThreshold')).toMatchObject({ value: 50, yours: 20, yoursText: '+20', interval: null, verdict: 'below' });
  });

  it('leaves figures without a personal counterpart without one', () => {
    expect(byKey('naturalPromoters')).toMatchObject({ value: 0.05, yours: null, yoursText: null, interval: null, verdict: null });
  });
});

describe('an empty input', () => {
  const empty = computeStats(
    { referrals: [], followups: [], latestNps: [], askedRelationIds: [] },
    { from: null, to: null, now: NOW, by: 'channel' },
  );

  it('gives zeros and nulls', () => {
    expect(empty.funnel).toEqual({ asked: 0, agreed: 0, introduced: 0, meeting: 0, opportunity: 0, won: 0, declined: 0, lost: 0 });
    expect(Object.values(empty.rates).every((v) => v === null)).toBe(true);
    expect(Object.values(empty.steps).every((v) => v === null)).toBe(true);
    expect(empty.counts.won).toEqual({ count: 0, of: 0, text: '0/0', interval: null });
    expect(empty.medianDays).toEqual({ askToIntro: null, introToMeeting: null, askToWon: null });
    expect(empty.followups).toEqual({ due: 0, doneOnTime: 0, overdue: 0 });
    expect(empty.nps).toEqual({ score: null, promoters: 0, passives: 0, detractors: 0, responses: 0 });
    expect(empty.promoterAskRate).toEqual({ asked: 0, promoters: 0, rate: null });
    expect(empty.benchmarks.every((b) => b.yours === null && b.verdict === null)).toBe(true);
    expect(empty.groups).toEqual([]);
    expect(empty.from).toBeNull();
    expect(empty.to).toBeNull();
    expect(empty.notes).toEqual([
      'No referrals were asked in this period.',
      'No NPS answers yet, so there is no NPS and no list of promoters to ask.',
    ]);
  });

  it('survives a JSON round trip unchanged (no NaN, no Infinity, no undefined)', () => {
    expect(JSON.parse(JSON.stringify(empty))).toStrictEqual(empty);
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
  });
});
