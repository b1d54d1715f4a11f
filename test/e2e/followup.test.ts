// The built bin (`npm run build` first), with the real clock: follow-ups and outcomes from a
// script, on a terminal, and in two time zones.
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, refer } from '../support/bin.js';
import { seedAsk } from '../support/followup-seed.js';
import { KEYS, referPty } from '../support/pty.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const HOUR = 3_600_000;

/** An ask made three days ago whose follow-up was due two hours ago. */
function overdueAsk() {
  const now = Date.now();
  return seedAsk(s.db, {
    relation: 'Sanne Visser',
    referees: ['Pieter de Groot', 'Anna Smit'],
    askedAt: new Date(now - 72 * HOUR),
    dueAt: new Date(now - 2 * HOUR),
    note: 'Did she mention us?',
  });
}

const json = (args: string[], env = s.env) => {
  const r = refer([...args, '--json'], env);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
};

describe('refer followup and outcome, from the built bin', () => {
  it('shows help with examples for every follow-up and outcome command', () => {
    for (const cmd of [['followup'], ['followup', 'add'], ['followup', 'done'], ['followup', 'snooze'], ['followup', 'ics'], ['outcome']]) {
      const r = refer([...cmd, '--help'], s.env);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Examples:\n {2}\$ refer /);
    }
  });

  it('nudges with exit 3 while a follow-up is overdue, and records the outcome when it is done', () => {
    const a = overdueAsk();
    const check = refer(['followup', '--check'], s.env);
    expect(check.code).toBe(3);
    expect(check.stdout.split('\t').slice(4, 8)).toEqual(['Sanne Visser', String(a.askId), 'Pieter de Groot, Anna Smit', 'Did she mention us?\n']);
    expect(check.stderr).toBe('error: 1 follow-up is overdue\n');

    // in a shell prompt the list goes to /dev/null: only counted then, with the same message and exit code
    const toNull = () => spawnSync(process.execPath, [BIN, 'followup', '--check'], { env: s.env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    expect(toNull()).toMatchObject({ status: 3, stderr: 'error: 1 follow-up is overdue\n' });

    const done = json(['followup', 'done', String(a.followupId), '--outcome', 'agreed', '--note', 'Both fine']);
    expect(done.moves.map((m: { stage: string }) => m.stage)).toEqual(['agreed', 'agreed']);
    expect(refer(['followup', '--check'], s.env)).toMatchObject({ code: 0, stdout: '' });
    const quiet = refer(['followup', '--check'], s.env);
    expect(toNull()).toMatchObject({ status: 0, stderr: quiet.stderr });

    const intro = json(['outcome', '--ask', String(a.askId), 'introduced']);
    expect(intro.moves).toHaveLength(2);
    const bad = refer(['outcome', String(a.referralIds[0]), 'won', '--value', '-1'], s.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('stores UTC and shows the local hour, in summer and in winter, in any time zone', () => {
    refer(['relation', 'add', 'Sanne Visser'], s.env);
    const amsterdam = { ...s.env, TZ: 'Europe/Amsterdam' };
    const winter = json(['followup', 'add', 'Sanne Visser', '2031-01-14T10:00'], amsterdam);
    const summer = json(['followup', 'add', 'Sanne Visser', '2031-07-15T10:00'], amsterdam);
    expect([winter.dueAt, summer.dueAt]).toEqual(['2031-01-14T09:00:00.000Z', '2031-07-15T08:00:00.000Z']);

    const due = (env: Record<string, string | undefined>) =>
      refer(['followup', '--all'], env)
        .stdout.trim()
        .split('\n')
        .map((l) => l.split('\t')[1]);
    expect(due(amsterdam)).toEqual(['Tue 2031-01-14 10:00', 'Tue 2031-07-15 10:00']);
    expect(due({ ...s.env, TZ: 'America/New_York' })).toEqual(['Tue 2031-01-14 04:00', 'Tue 2031-07-15 04:00']);

    const calendar = new ICAL.Component(ICAL.parse(refer(['followup', 'ics'], amsterdam).stdout));
    const starts = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).startDate.toJSDate().toISOString());
    expect(starts).toEqual([winter.dueAt, summer.dueAt]);
  });
});

describe('refer followup done on a terminal', () => {
  it('asks what became of the referrals and moves them', async () => {
    const a = overdueAsk();
    const pty = referPty(['followup', 'done', String(a.followupId)], { env: s.env });
    try {
      await pty.waitFor('What became of Pieter de Groot, Anna Smit (now asked)?');
      await pty.waitFor('no change');
      // "asked" cannot be chosen (they are there already): one step down lands on "agreed"
      pty.write(KEYS.down);
      pty.write(KEYS.enter);
      await pty.waitFor(`Done: follow-up ${a.followupId} with Sanne Visser.`);
      expect((await pty.exit()).code).toBe(0);
    } finally {
      pty.kill();
    }
    const referrals = json(['relation', 'show', 'Sanne Visser']).asks[0].referrals;
    expect(referrals.map((f: { stage: string }) => f.stage)).toEqual(['agreed', 'agreed']);
  });

  it('changes nothing when the rep presses Ctrl-C', async () => {
    const a = overdueAsk();
    const pty = referPty(['followup', 'done', String(a.followupId)], { env: s.env });
    try {
      await pty.waitFor('What became of');
      pty.write(KEYS.ctrlC);
      expect((await pty.exit()).code).toBe(130);
    } finally {
      pty.kill();
    }
    expect(json(['followup']).map((f: { id: number }) => f.id)).toEqual([a.followupId]);
  });
});
