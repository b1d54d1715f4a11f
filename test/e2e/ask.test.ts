// The ask through the built bin (`npm run build` first): scripted, and interactive on a real
// pseudo-terminal, as a person at a terminal would use it.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refer, referOk } from '../support/bin.js';
import { fakeBin } from '../support/fake-bin.js';
import { KEYS, type Pty, referPty, spawnPty } from '../support/pty.js';
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

/** Two relations; the more ready one (a promoter with a fresh moment) has three connections, two of them shortlisted. */
function seed() {
  ok(['init', '--no-input', '--name', 'Eva Jansen', '--company', 'Routewise', '--offer', 'route planning software', '--value', 'fewer empty kilometres']);
  ok(['relation', 'add', 'Bram Kok', '--trust', '2']);
  ok(['relation', 'add', 'Sanne Visser', '--trust', '5', '--knows-audience', '--seller', '--sees-value', '--experienced-value']);
  ok(['nps', 'Sanne Visser', '10']);
  ok(['moment', 'Sanne Visser', 'Our drivers get home on time now']);
  ok(['connection', 'add', 'Sanne Visser', 'Anna de Vries', '--title', 'COO']);
  ok(['connection', 'add', 'Sanne Visser', 'Pieter de Groot', '--title', 'CEO']);
  ok(['connection', 'add', 'Sanne Visser', 'Lotte Bakker', '--title', 'Planner']);
  ok(['connection', 'pick', 'Sanne Visser', 'Anna de Vries', 'Pieter de Groot']);
}

function stored() {
  const db = new Database(s.db, { readonly: true });
  try {
    return {
      asks: db.prepare('SELECT relation_id AS relationId, channel, kind, template FROM asks').all(),
      referrals: db.prepare('SELECT c.name, f.stage FROM referrals f JOIN connections c ON c.id = f.connection_id ORDER BY c.name').all(),
      followups: db.prepare('SELECT ask_id AS askId, duration_minutes AS minutes, note FROM followups').all(),
    };
  } finally {
    db.close();
  }
}

/**
 * Walks the prompts: the most ready relation, a referral, the shortlist plus Lotte Bakker, a
 * call; stops at the confirmation.
 */
async function walkToConfirm(p: Pty) {
  await p.waitFor('Whom do you ask?');
  await p.waitFor(/❯ Sanne Visser · readiness \d+ · ask now/);
  p.write(KEYS.enter);
  await p.waitFor('What do you ask for?');
  p.write(KEYS.enter);
  await p.waitFor('About whom?');
  await p.waitFor('Lotte Bakker');
  // the shortlist comes first and is ticked; Lotte is third
  p.write(KEYS.down + KEYS.down);
  await p.waitFor(/❯◯ Lotte Bakker/);
  p.write(KEYS.space);
  await p.waitFor(/❯◉ Lotte Bakker/);
  p.write(KEYS.enter);
  await p.waitFor('How do you ask?');
  p.write(KEYS.up);
  await p.waitFor(/❯ call/);
  p.write(KEYS.enter);
  await p.waitFor('Script · referral by call · referral/call.en');
  await p.waitFor('Store this ask about 3 people and book the follow-up for');
}

describe('refer ask on a terminal', () => {
  it('walks through relation, kind, connections and channel, shows the script, stores it on confirmation, and copies it last', async () => {
    seed();
    const bin = fakeBin(s.dir, ['xsel'], { readsStdin: ['xsel'] });
    pty = referPty(['ask'], { env: { ...s.env, PATH: bin.path } });
    await walkToConfirm(pty);
    expect(pty.text()).toContain('Anna de Vries, Pieter de Groot and Lotte Bakker');
    pty.write('y' + KEYS.enter);
    await pty.waitFor(/Stored ask 1 for Sanne Visser; referrals at stage asked: 1 Anna de Vries, 2 Pieter de Groot, 3 Lotte Bakker; follow-up 1 booked/);
    await pty.waitFor('Take the ask out of the terminal?');
    await pty.waitFor(/❯ Copy the script to the clipboard/);
    pty.write(KEYS.enter);
    await pty.waitFor('Copied the script to the clipboard.');
    const end = await pty.exit();
    expect(end.code).toBe(0);
    expect(bin.record('xsel')).toEqual({ args: '--clipboard --input', stdin: expect.stringContaining('Anna de Vries') });
    expect(stored()).toEqual({
      asks: [{ relationId: 2, channel: 'call', kind: 'referral', template: 'referral/call.en' }],
      referrals: [
        { name: 'Anna de Vries', stage: 'asked' },
        { name: 'Lotte Bakker', stage: 'asked' },
        { name: 'Pieter de Groot', stage: 'asked' },
      ],
      followups: [{ askId: 1, minutes: 15, note: expect.stringMatching(/^Follow-up call with Sanne Visser: \w+day \d+ \w+ at 10:00, 15 minutes$/) }],
    });
  });

  it('stores nothing and exits 130 on Ctrl-C at the confirmation', async () => {
    seed();
    pty = referPty(['ask'], { env: s.env });
    await walkToConfirm(pty);
    pty.write(KEYS.ctrlC);
    const end = await pty.exit();
    expect(end.code).toBe(130);
    expect(end.output).toMatch(/Cancelled\./);
    expect(stored()).toEqual({ asks: [], referrals: [], followups: [] });
  });

  it('never prompts with REL given, even on a terminal', async () => {
    seed();
    pty = referPty(['ask', 'Sanne Visser', '--channel', 'linkedin'], { env: s.env });
    const end = await pty.exit();
    expect(end.code).toBe(0);
    expect(end.output).not.toContain('Whom do you ask?');
    expect(end.output).toContain('Stored ask 1 for Sanne Visser');
  });
});

describe('refer ask and lint from a script', () => {
  it('stores an ask with --json, and its script passes the lint while the me-centred one fails', () => {
    seed();
    const out = JSON.parse(ok(['ask', 'Sanne Visser', '--channel', 'email', '--json']).stdout);
    expect(out.ask).toMatchObject({ id: 1, relation: { id: 2, name: 'Sanne Visser' }, channel: 'email', kind: 'referral' });
    expect(out.referrals.map((f: any) => f.connection.name)).toEqual(['Anna de Vries', 'Pieter de Groot']);
    expect(out.warnings).toEqual([]);
    ok(['lint', '--channel', 'email', '--referee', 'Anna de Vries'], out.script);

    const bad = refer(['lint', '--json'], s.env, 'Could you introduce me to Anna? It would mean a lot to me.');
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).findings.map((f: any) => f.rule)).toEqual(['me-centred', 'me-centred', 'no-referee-value']);
  });

  it('without REL and without a terminal: exit 2 naming REL and --to, nothing stored', () => {
    seed();
    const r = refer(['ask'], s.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: missing REL .*--to CONN/);
    expect(stored().asks).toEqual([]);
  });
});

describe('the pseudo-terminal driver', () => {
  it('gives a real terminal, and bounds every wait and the whole run', async () => {
    pty = spawnPty('sh', ['-c', 'test -t 0 && test -t 1 && printf "ready %s\\n" "$(stty size)"; read line; printf "got %s\\n" "$line"; sleep 30'], {
      env: s.env,
      cols: 90,
      rows: 30,
      deadlineMs: 1500,
    });
    await pty.waitFor('ready 30 90');
    pty.write('hello' + KEYS.enter);
    await pty.waitFor('got hello');
    const started = Date.now();
    await expect(pty.waitFor('never printed', 200)).rejects.toThrow(/timed out after 200 ms waiting for "never printed"; screen:\n[^]*got hello/);
    expect(Date.now() - started).toBeLessThan(2000);
    // the deadline ends the sleeping program
    const end = await pty.exit(5000);
    expect(end.code).toBe(137);
  });

  it('rejects a wait at once when the program ends without printing the text', async () => {
    pty = spawnPty('sh', ['-c', 'echo bye; exit 4'], { env: s.env });
    await expect(pty.waitFor('hello', 5000)).rejects.toThrow(/the program ended \(exit 4\) before "hello"; screen:\nbye/);
    expect((await pty.exit()).code).toBe(4);
  });
});
