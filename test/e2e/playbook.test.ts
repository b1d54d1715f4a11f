// `refer playbook` through the built bin (`npm run build` first) on a real pseudo-terminal: a
// rep answers the questions of the four steps, leaves with Ctrl-C half-way, and comes back.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referOk } from '../support/bin.js';
import { KEYS, type Pty, referPty } from '../support/pty.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
let pty: Pty | undefined;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => {
  pty?.kill();
  pty = undefined;
  s.cleanup();
});

const ok = (args: string[], input?: string) => referOk(args, s.env, input);

const CONNECTIONS = `Name,Title,Company
Anna de Vries,COO,De Vries Logistiek
Pieter de Groot,CEO,Groot Transport
Lotte Bakker,Fleet manager,Bakker Vervoer
Kees Mulder,CFO,Mulder Koeriers
Femke Smit,Operations director,Smit Distributie
Joost Peters,Planner,Peters Logistics
`;

/** A rep with a profile; Sanne is the more ready relation but nothing is assessed about her yet. */
function seed() {
  ok(['init', '--no-input', '--name', 'Eva Jansen', '--company', 'Routewise', '--offer', 'route planning software', '--value', 'fewer empty kilometres', '--titles', 'CEO,COO']);
  ok(['relation', 'add', 'Sanne Visser', '--company', 'Visser Transport', '--trust', '5']);
  ok(['relation', 'add', 'Bram Kok', '--trust', '2']);
}

function db<T>(read: (db: Database.Database) => T): T {
  const handle = new Database(s.db, { readonly: true });
  try {
    return read(handle);
  } finally {
    handle.close();
  }
}

const counts = () =>
  db((d) => Object.fromEntries(['asks', 'referrals', 'followups'].map((t) => [t, (d.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])));
const progress = () => db((d) => d.prepare('SELECT relation_id AS relationId, step, state FROM playbook_progress').all());

describe('refer playbook on a terminal', () => {
  it('saves each answer as given, keeps them on Ctrl-C without a half-written ask, then resumes at step 3 and stores ask and follow-up together', async () => {
    seed();
    const file = join(s.dir, 'Connections.csv');
    writeFileSync(file, CONNECTIONS);

    pty = referPty(['playbook'], { env: s.env });
    await pty.waitFor('Step 1 of 4 · Pick a trusted relation');
    await pty.waitFor(/❯ Sanne Visser \(Visser Transport\) · readiness/);
    pty.write(KEYS.enter);
    for (const [label, answer] of [
      ['knows your target audience?', 'y'],
      ['is a seller?', 'y'],
      ['sees the value for their relations?', 'y'],
      ['has experienced your value?', 'n'],
    ]) {
      await pty.waitFor(`Sanne Visser ${label}`);
      pty.write(answer + KEYS.enter);
    }
    await pty.waitFor('How likely is Sanne Visser to recommend you');
    pty.write('11' + KEYS.enter);
    await pty.waitFor('NPS score must be a whole number from 0 to 10');
    pty.write(KEYS.backspace + KEYS.backspace + '9' + KEYS.enter);
    await pty.waitFor('A recent positive moment');
    pty.write('Our planners go home on time now' + KEYS.enter);
    await pty.waitFor(/Assessed relation 1 Sanne Visser \(Visser Transport\): readiness \d+/);

    await pty.waitFor('Step 2 of 4 · List 5–10 connections who fit your ICP · Sanne Visser');
    await pty.waitFor("Whom in Sanne Visser's network would you like to meet?");
    await pty.waitFor(/❯ Import a file/);
    pty.write(KEYS.enter);
    await pty.waitFor('Path of the file');
    pty.write(file + KEYS.enter);
    await pty.waitFor('Imported 6 new connections');
    await pty.waitFor('Tick 5-10 people');
    // best fit first: the CEO and COO of the ICP on top
    await pty.waitFor(/❯◯ (Anna de Vries, COO|Pieter de Groot, CEO)/);
    pty.write('a');
    await pty.waitFor(/◉ Joost Peters/);
    pty.write(KEYS.enter);
    await pty.waitFor('Shortlist of Sanne Visser saved:');

    await pty.waitFor('Step 3 of 4 · Draft a value-focused ask');
    await pty.waitFor('What do you ask for?');
    pty.write(KEYS.ctrlC);
    const left = await pty.exit();
    expect(left.code).toBe(130);
    expect(left.output).toContain('resumes Sanne Visser at step 3');

    // the answers are kept; no ask, referral or follow-up is half-written
    expect(counts()).toEqual({ asks: 0, referrals: 0, followups: 0 });
    const shown = JSON.parse(ok(['relation', 'show', 'Sanne Visser', '--json']).stdout);
    expect(shown).toMatchObject({ knowsAudience: true, seller: true, seesValue: true, experiencedValue: false });
    expect(JSON.stringify(shown)).toContain('Our planners go home on time now');
    expect(db((d) => d.prepare('SELECT score FROM nps_answers').all())).toEqual([{ score: 9 }]);
    expect(db((d) => d.prepare('SELECT count(*) AS n FROM connections WHERE shortlisted_at IS NOT NULL').get())).toEqual({ n: 6 });
    expect(progress()).toEqual([{ relationId: 1, step: 'ask', state: '{}' }]);

    pty = referPty(['playbook'], { env: s.env });
    await pty.waitFor(/❯ Resume Sanne Visser at step 3: Draft a value-focused ask/);
    pty.write(KEYS.enter);
    await pty.waitFor('Resuming Sanne Visser at step 3.');
    await pty.waitFor('What do you ask for?');
    pty.write(KEYS.enter);
    await pty.waitFor(/How do you ask\?[\s\S]*❯ email/);
    pty.write(KEYS.enter);
    await pty.waitFor('Script · referral by email · referral/email.en');
    await pty.waitFor('Message to forward');
    await pty.waitFor('Checks: no findings.');
    await pty.waitFor('Is this the ask you want to make?');
    // edit and retry: another channel renders another script
    pty.write(KEYS.down);
    await pty.waitFor(/❯ Change the channel \(now email\)/);
    pty.write(KEYS.enter);
    await pty.waitFor('How do you ask?');
    pty.write(KEYS.up);
    await pty.waitFor(/❯ call/);
    pty.write(KEYS.enter);
    await pty.waitFor('Script · referral by call · referral/call.en');
    await pty.waitFor('Is this the ask you want to make?');
    pty.write(KEYS.enter);

    await pty.waitFor('Step 4 of 4 · Book the 15-minute follow-up');
    await pty.waitFor('When do you call Sanne Visser back');
    pty.write('next tuesday 14:30' + KEYS.enter);
    await pty.waitFor('The script now proposes Tue');
    await pty.waitFor(/Store this ask about 6 people and book the follow-up for Tue \d+ \w+ \d{4} 14:30\?/);
    pty.write(KEYS.enter);
    await pty.waitFor(/Stored ask 1 for Sanne Visser; referrals at stage asked: 1 .*, 6 .*; follow-up 1 booked for Tue/);
    await pty.waitFor('Take the ask out of the terminal?');
    pty.write(KEYS.up);
    await pty.waitFor(/❯ Nothing: I take it from here/);
    pty.write(KEYS.enter);
    expect((await pty.exit()).code).toBe(0);

    expect(counts()).toEqual({ asks: 1, referrals: 6, followups: 1 });
    const ask = db((d) => d.prepare('SELECT relation_id AS relationId, channel, kind, script FROM asks').get()) as { relationId: number; channel: string; kind: string; script: string };
    expect(ask).toMatchObject({ relationId: 1, channel: 'call', kind: 'referral' });
    const followup = db((d) => d.prepare('SELECT ask_id AS askId, due_at AS dueAt, duration_minutes AS minutes FROM followups').get()) as { askId: number; dueAt: string; minutes: number };
    expect(followup).toMatchObject({ askId: 1, minutes: 15 });
    const due = new Date(followup.dueAt);
    expect([due.getDay(), due.getHours(), due.getMinutes()]).toEqual([2, 14, 30]);
    // the stored script names the moment that was booked
    expect(ask.script).toMatch(/Tuesday \d+ \w+ at 14:30/);
    expect(progress()).toEqual([]);
  });

  it('takes typed-in connections, warns about a thin list, and resumes a walk left at step 4 by showing the accepted draft again', async () => {
    seed();
    ok(['relation', 'edit', 'Sanne Visser', '--knows-audience', '--seller', '--sees-value', '--experienced-value']);
    ok(['nps', 'Sanne Visser', '10']);

    pty = referPty(['playbook'], { env: s.env });
    await pty.waitFor(/❯ Sanne Visser/);
    pty.write(KEYS.enter);
    // the criteria and the NPS are known: only the optional moment is asked
    await pty.waitFor('A recent positive moment');
    expect(pty.text()).not.toContain('How likely');
    pty.write(KEYS.enter);
    await pty.waitFor("Whom in Sanne Visser's network");
    pty.write(KEYS.down);
    await pty.waitFor(/❯ Type them in/);
    pty.write(KEYS.enter);
    await pty.waitFor('Name');
    pty.write('Anna de Vries' + KEYS.enter);
    await pty.waitFor("Anna de Vries's title or role");
    pty.write('COO' + KEYS.enter);
    await pty.waitFor("Anna de Vries's company");
    pty.write('De Vries Logistiek' + KEYS.enter);
    await pty.waitFor('Added connection 1 Anna de Vries.');
    // an empty name ends the list
    await pty.waitFor('? Name');
    pty.write(KEYS.enter);
    await pty.waitFor('Tick 5-10 people');
    pty.write(KEYS.space + KEYS.enter);
    await pty.waitFor('1 picked: fewer than 5 is a thin list');
    await pty.waitFor('Go on with 1?');
    pty.write('y' + KEYS.enter);
    await pty.waitFor('What do you ask for?');
    pty.write(KEYS.enter);
    await pty.waitFor('How do you ask?');
    pty.write(KEYS.enter);
    await pty.waitFor('Is this the ask you want to make?');
    pty.write(KEYS.enter);
    await pty.waitFor('When do you call Sanne Visser back');
    pty.write(KEYS.ctrlC);
    expect((await pty.exit()).code).toBe(130);
    expect(counts()).toEqual({ asks: 0, referrals: 0, followups: 0 });
    expect(progress()).toEqual([{ relationId: 1, step: 'followup', state: JSON.stringify({ kind: 'referral', channel: 'email', connectionIds: [1] }) }]);

    pty = referPty(['playbook'], { env: s.env });
    await pty.waitFor(/❯ Resume Sanne Visser at step 4: Book the 15-minute follow-up/);
    pty.write(KEYS.enter);
    await pty.waitFor('Script · referral by email');
    await pty.waitFor('When do you call Sanne Visser back');
    pty.write(KEYS.enter);
    await pty.waitFor('Store this ask about 1 person');
    pty.write(KEYS.enter);
    await pty.waitFor('Stored ask 1 for Sanne Visser; referrals at stage asked: 1 Anna de Vries; follow-up 1 booked');
    await pty.waitFor('Take the ask out of the terminal?');
    pty.write(KEYS.up);
    await pty.waitFor(/❯ Nothing: I take it from here/);
    pty.write(KEYS.enter);
    expect((await pty.exit()).code).toBe(0);
    expect(counts()).toEqual({ asks: 1, referrals: 1, followups: 1 });
    expect(progress()).toEqual([]);
  });
});
