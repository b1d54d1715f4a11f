import { describe, expect, it } from 'vitest';
import { missingCriteria, PLAYBOOK_STEPS, type PlaybookState, readState, resumeStep } from '../../src/core/playbook.js';

const draft: PlaybookState = { kind: 'referral', channel: 'call', connectionIds: [3, 4, 5, 6, 7] };
const fine = { shortlisted: 5, draftConnectionsGone: false };

describe('the playbook steps', () => {
  it('are the four steps in order, each with a reason of one or two sentences', () => {
    expect(PLAYBOOK_STEPS.map((s) => [s.number, s.name])).toEqual([
      [1, 'relation'],
      [2, 'connections'],
      [3, 'ask'],
      [4, 'followup'],
    ]);
    for (const s of PLAYBOOK_STEPS) expect(s.why.split(/[.!?](?:\s|$)/).filter((x) => x.trim()).length).toBeLessThanOrEqual(2);
  });
});

describe('resumeStep', () => {
  it('resumes at the saved step when what it needs is still there', () => {
    for (const step of ['relation', 'connections', 'ask'] as const) expect(resumeStep({ step, state: {} }, fine)).toBe(step);
    expect(resumeStep({ step: 'followup', state: draft }, fine)).toBe('followup');
  });

  it('goes back to step 3 when the accepted draft is incomplete or one of its connections has gone', () => {
    expect(resumeStep({ step: 'followup', state: { kind: 'referral' } }, fine)).toBe('ask');
    expect(resumeStep({ step: 'followup', state: { ...draft, connectionIds: [] } }, fine)).toBe('ask');
    expect(resumeStep({ step: 'followup', state: draft }, { ...fine, draftConnectionsGone: true })).toBe('ask');
  });

  it('goes back to step 2 when the draft must be made again and the shortlist is empty', () => {
    expect(resumeStep({ step: 'ask', state: {} }, { ...fine, shortlisted: 0 })).toBe('connections');
    expect(resumeStep({ step: 'followup', state: {} }, { ...fine, shortlisted: 0 })).toBe('connections');
  });

  it('keeps an accepted smaller ask (no connections needed) at step 4 without a shortlist', () => {
    expect(resumeStep({ step: 'followup', state: { kind: 'quote', channel: 'email', connectionIds: [] } }, { ...fine, shortlisted: 0 })).toBe('followup');
  });

  it('starts over at step 1 for a step it does not know', () => {
    expect(resumeStep({ step: 'lunch', state: {} }, fine)).toBe('relation');
  });
});

describe('readState', () => {
  it('keeps the valid fields and drops the rest', () => {
    expect(readState(draft)).toEqual(draft);
    expect(readState({ kind: 'bribe', channel: 'call', connectionIds: ['x'], extra: 1 })).toEqual({ channel: 'call' });
    expect(readState('not an object')).toEqual({});
    expect(readState(null)).toEqual({});
  });
});

describe('missingCriteria', () => {
  it('lists the criteria not yet assessed; a "no" counts as assessed', () => {
    const r = { knowsAudience: true, seller: null, seesValue: false, experiencedValue: null };
    expect(missingCriteria(r).map((c) => c.key)).toEqual(['seller', 'experiencedValue']);
  });
});
