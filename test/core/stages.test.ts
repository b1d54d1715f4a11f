import { describe, expect, it } from 'vitest';
import { STAGES, type Stage } from '../../src/core/model.js';
import { applyMove, checkMove, hasReached, reachedIndex, type StageFields } from '../../src/core/stages.js';

/*
 * Every move, row = current stage, column = next stage:
 *   .  allowed
 *   =  same stage: refused, even with force
 *   B  going back: refused, allowed with force
 *   C  moving a closed (declined/won/lost) referral: refused, allowed with force
 *   X  declined/lost where it does not fit: refused, even with force
 */
const COLUMNS: Stage[] = ['asked', 'agreed', 'introduced', 'meeting', 'opportunity', 'won', 'declined', 'lost'];
const MATRIX: Record<Stage, string> = {
  //           ask agr int mee opp won dec lost
  asked:       '=   .   .   .   .   .   .   X',
  agreed:      'B   =   .   .   .   .   X   .',
  introduced:  'B   B   =   .   .   .   X   .',
  meeting:     'B   B   B   =   .   .   X   .',
  opportunity: 'B   B   B   B   =   .   X   .',
  won:         'C   C   C   C   C   =   X   X',
  declined:    'C   C   C   C   C   C   =   X',
  lost:        'C   C   C   C   C   C   X   =',
};

const cases = STAGES.flatMap((current) => {
  const codes = MATRIX[current].split(/\s+/);
  return COLUMNS.map((next, i) => ({ current, next, code: codes[i] ?? '?' }));
});

describe('checkMove', () => {
  it('the matrix covers all 8×8 moves', () => {
    expect(COLUMNS).toEqual([...STAGES]);
    expect(cases).toHaveLength(64);
    expect(cases.every((c) => '.=BCX'.includes(c.code))).toBe(true);
  });

  it.each(cases)('$current → $next: $code', ({ current, next, code }) => {
    const plain = checkMove(current, next);
    const forced = checkMove(current, next, { force: true });
    if (code === '.') {
      expect(plain).toEqual({ ok: true });
      expect(forced).toEqual({ ok: true });
    } else if (code === 'B' || code === 'C') {
      expect(plain).toMatchObject({ ok: false, forcible: true });
      expect(forced).toEqual({ ok: true });
    } else {
      expect(plain).toMatchObject({ ok: false, forcible: false });
      expect(forced).toEqual(plain);
    }
  });

  it('says why in plain words', () => {
    const reason = (current: Stage, next: Stage) => {
      const check = checkMove(current, next);
      return check.ok ? null : check.reason;
    };
    expect(reason('meeting', 'meeting')).toBe('the referral is already at meeting');
    expect(reason('meeting', 'agreed')).toBe(
      'the referral is already at meeting, which comes after agreed; going back undoes its progress',
    );
    expect(reason('won', 'opportunity')).toBe('the referral is won; moving it to opportunity reopens it');
    expect(reason('declined', 'agreed')).toBe('the referral was declined; moving it to agreed reopens it');
    expect(reason('agreed', 'declined')).toBe(
      'only an open ask can be declined, and the referral is already at agreed; record lost instead',
    );
    expect(reason('lost', 'declined')).toBe('the referral is lost; only an open ask can be declined');
    expect(reason('asked', 'lost')).toBe(
      'only a referral that was agreed can be lost; if the relation said no, record declined',
    );
    expect(reason('declined', 'lost')).toBe('the referral was declined; only a referral that was agreed can be lost');
    expect(reason('won', 'lost')).toBe(
      'the referral is won; to record it as lost, move it back to an open stage first',
    );
  });
});

describe('reachedIndex and hasReached', () => {
  it('order the path from asked to won', () => {
    expect(reachedIndex('asked')).toBe(0);
    expect(reachedIndex('won')).toBe(5);
    expect(hasReached('meeting', 'introduced')).toBe(true);
    expect(hasReached('meeting', 'meeting')).toBe(true);
    expect(hasReached('meeting', 'opportunity')).toBe(false);
  });
});

describe('applyMove', () => {
  const fresh: StageFields = {
    stage: 'asked',
    reached: 'asked',
    agreedAt: null,
    introducedAt: null,
    meetingAt: null,
    opportunityAt: null,
    wonAt: null,
    closedAt: null,
  };
  const T1 = '2026-11-02T09:00:00.000Z';
  const T2 = '2026-11-09T09:00:00.000Z';
  const T3 = '2026-11-16T09:00:00.000Z';
  const T4 = '2026-11-23T09:00:00.000Z';

  it('records the first time each stage is reached', () => {
    const agreed = applyMove(fresh, 'agreed', T1);
    expect(agreed).toEqual({ ...fresh, stage: 'agreed', reached: 'agreed', agreedAt: T1 });
    const introduced = applyMove(agreed, 'introduced', T2);
    expect(introduced).toEqual({ ...agreed, stage: 'introduced', reached: 'introduced', introducedAt: T2 });
  });

  it('gives skipped stages the date of the stage reached', () => {
    const agreed = applyMove(fresh, 'agreed', T1);
    expect(applyMove(agreed, 'opportunity', T2)).toEqual({
      ...agreed,
      stage: 'opportunity',
      reached: 'opportunity',
      introducedAt: T2,
      meetingAt: T2,
      opportunityAt: T2,
    });
  });

  it('closes on won, with every path date filled', () => {
    expect(applyMove(fresh, 'won', T1)).toEqual({
      stage: 'won',
      reached: 'won',
      agreedAt: T1,
      introducedAt: T1,
      meetingAt: T1,
      opportunityAt: T1,
      wonAt: T1,
      closedAt: T1,
    });
  });

  it('closes on declined and lost without changing how far it got', () => {
    expect(applyMove(fresh, 'declined', T1)).toEqual({ ...fresh, stage: 'declined', closedAt: T1 });
    const meeting = applyMove(fresh, 'meeting', T1);
    expect(applyMove(meeting, 'lost', T2)).toEqual({ ...meeting, stage: 'lost', closedAt: T2 });
  });

  it('never lowers reached nor rewrites a first date when moved back with force, and reopens', () => {
    const won = applyMove(applyMove(fresh, 'meeting', T1), 'won', T2);
    const back = applyMove(won, 'introduced', T3);
    expect(back).toEqual({ ...won, stage: 'introduced', closedAt: null });
    expect(back.reached).toBe('won');
    expect(applyMove(back, 'meeting', T4).meetingAt).toBe(T1);
  });

  it('reopening a declined referral fills the stages from then on', () => {
    const declined = applyMove(fresh, 'declined', T1);
    expect(applyMove(declined, 'agreed', T2)).toEqual({
      ...fresh,
      stage: 'agreed',
      reached: 'agreed',
      agreedAt: T2,
      closedAt: null,
    });
  });

  it('returns only the stage fields, leaving the input untouched', () => {
    const row = { ...fresh, id: 7, value: 1200 };
    const next = applyMove(row, 'agreed', T1);
    expect(Object.keys(next).sort()).toEqual(Object.keys(fresh).sort());
    expect(row.stage).toBe('asked');
  });
});
