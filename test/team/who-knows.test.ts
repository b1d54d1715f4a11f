// Coordination against a real PostgreSQL server (scripts/with-postgres.sh): three reps, each a
// login role with their own local database, share through `refer team sync`; then who knows whom,
// the double-ask warnings of `refer ask`, `refer today` and `refer relation show`, and the same
// from the last pull when the server cannot be reached.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refer, referOk, type BinResult } from '../support/bin.js';
import { addRep, teamServer, type TeamServer } from '../support/team.js';

let server: TeamServer;
const dirs: string[] = [];

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'refer-coord-'));
  dirs.push(d);
  return d;
}

interface Rep {
  name: string;
  db: string;
  env: Record<string, string | undefined>;
  ok(args: string[]): BinResult;
  run(args: string[]): BinResult;
  json<T = any>(args: string[]): T;
}

async function newRep(base: string, name: string): Promise<Rep> {
  const role = server.role(base);
  const password = `pw-${role}`;
  const url = await addRep(server, role, password);
  const home = tmp();
  const db = join(home, 'refer.db');
  const env = { HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), REFER_DB: db, PGPASSWORD: password, PATH: process.env.PATH, TZ: 'Europe/Amsterdam', NO_COLOR: '1' };
  const rep: Rep = {
    name,
    db,
    env,
    ok: (args) => referOk(args, env),
    run: (args) => refer(args, env),
    json: (args) => JSON.parse(referOk([...args, '--json'], env).stdout),
  };
  rep.ok(['profile', 'set', '--name', name, '--company', 'Routewise', '--offer', 'route planning for carriers', '--value', 'fewer empty kilometres']);
  rep.ok(['team', 'join', url, '--name', name]);
  return rep;
}

/** Adds a relation and returns its id. */
function relation(rep: Rep, name: string, flags: string[] = []): number {
  return rep.json(['relation', 'add', name, ...flags]).id;
}

function connection(rep: Rep, rel: number, name: string, flags: string[] = []): number {
  return rep.json(['connection', 'add', String(rel), name, ...flags]).id;
}

const READY = ['--kind', 'client', '--trust', '5', '--knows-audience', '--seller', '--sees-value', '--experienced-value'];

let ann: Rep;
let bob: Rep;
let cleo: Rep;
const ids: Record<string, number> = {};

beforeAll(async () => {
  server = await teamServer();
  referOk(['team', 'setup', server.url], { PATH: process.env.PATH, HOME: tmp() });
  [ann, bob, cleo] = [await newRep('ann', 'Ann Peeters'), await newRep('bob', 'Bob Maas'), await newRep('cleo', 'Cleo Vos')];

  // Ann: Émile (a promoter) knows Carla and Dirk; Ann asked Émile about Carla twelve days ago.
  const emile = relation(ann, 'Émile de Vries', ['--company', 'Brûlé BV', '--linkedin', 'https://www.linkedin.com/in/emile-de-vries/']);
  ann.ok(['nps', String(emile), '10']);
  const carla = connection(ann, emile, 'Carla Ruiz', ['--title', 'CFO', '--company', 'Nordwind']);
  connection(ann, emile, 'Dirk Jansen', ['--title', 'CTO', '--company', 'Acme Freight', '--linkedin', 'https://linkedin.com/in/dirk-jansen']);
  ann.ok(['ask', String(emile), '--to', String(carla), '--date', '12 days ago', '--no-input']);

  // Bob: Frank (a detractor) knows a Carla Ruiz at Nordwind too, and a Carla Ruizenaar.
  const frank = relation(bob, 'Frank Bos', ['--company', 'Kade']);
  bob.ok(['nps', String(frank), '3']);
  connection(bob, frank, 'CARLA RUIZ', ['--title', 'Finance Director', '--company', 'nordwind']);
  connection(bob, frank, 'Carla Ruizenaar', ['--title', 'Buyer', '--company', 'Zeewolde Logistics']);
  // Bob's Hanna was asked 40 days ago: outside the 30 days
  const hanna = relation(bob, 'Hanna Smit', ['--company', 'Polder BV']);
  const someone = connection(bob, hanna, 'Ivo Kramer', ['--company', 'Polder BV']);
  bob.ok(['ask', String(hanna), '--to', String(someone), '--date', '40 days ago', '--no-input']);

  // Cleo: the same Émile by name and company (case and accents aside), the same one by LinkedIn URL
  // under another name, and people nobody else knows.
  ids.emileByName = relation(cleo, 'emile DE VRIES', [...READY, '--company', 'brule bv']);
  cleo.ok(['nps', String(ids.emileByName), '10']);
  ids.emileByUrl = relation(cleo, 'E. de Vries', ['--company', 'Brûlé', '--linkedin', 'http://www.LinkedIn.com/in/Emile-de-Vries']);
  ids.emileOtherUrl = relation(cleo, 'Émile de Vries', ['--company', 'Brûlé BV', '--linkedin', 'https://www.linkedin.com/in/another-emile']);
  ids.greta = relation(cleo, 'Greta Smit', [...READY, '--company', 'Dijk & Co']);
  cleo.ok(['nps', String(ids.greta), '10']);
  ids.carlaOfGreta = connection(cleo, ids.greta, 'Carla Ruiz', ['--company', 'Nordwind']);
  ids.hugo = connection(cleo, ids.greta, 'Hugo Visser', ['--company', 'Nordwind']);
  ids.hanna = relation(cleo, 'Hanna Smit', ['--company', 'Polder BV']);
  ids.ivo = connection(cleo, ids.hanna, 'Ivo Kramer', ['--company', 'Polder BV']);

  for (const rep of [ann, bob, cleo, ann, bob]) rep.ok(['team', 'sync']);
}, 180_000);

afterAll(async () => {
  await server?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('refer team who-knows', () => {
  it('finds teammates’ connections by name, case and accents aside: exact names first, a promoter’s before a detractor’s', () => {
    const found = cleo.json(['team', 'who-knows', 'carla ruiz']);
    expect(found).toEqual([
      { name: 'Carla Ruiz', title: 'CFO', company: 'Nordwind', rep: 'Ann Peeters', relation: 'Émile de Vries' },
      { name: 'CARLA RUIZ', title: 'Finance Director', company: 'nordwind', rep: 'Bob Maas', relation: 'Frank Bos' },
      { name: 'Carla Ruizenaar', title: 'Buyer', company: 'Zeewolde Logistics', rep: 'Bob Maas', relation: 'Frank Bos' },
    ]);
  });

  it('finds them by company, and never lists the rep’s own connections', () => {
    const found = cleo.json<Array<{ name: string; rep: string }>>(['team', 'who-knows', 'NÖRDWIND']);
    expect(found.map((f) => `${f.name} (${f.rep})`)).toEqual(['Carla Ruiz (Ann Peeters)', 'CARLA RUIZ (Bob Maas)']);
    expect(ann.json<Array<{ rep: string }>>(['team', 'who-knows', 'Nordwind']).map((f) => f.rep)).toEqual(['Cleo Vos', 'Cleo Vos', 'Bob Maas']);
  });

  it('answers an empty list, and says in words that nobody knows them, with the age of the team data', () => {
    expect(cleo.json(['team', 'who-knows', 'Nobody Atall'])).toEqual([]);
    const r = cleo.ok(['team', 'who-knows', 'Nobody Atall']);
    expect(r.stdout).toMatch(/Nobody in the team knows anyone named or working at "Nobody Atall"/);
    expect(r.stderr).toMatch(/team data from the last pull, (just now|\d+ minutes? ago)/);
  });

  it('lists a table a script can cut, one person a line', () => {
    const lines = cleo.ok(['team', 'who-knows', 'Acme']).stdout.trim().split('\n');
    expect(lines).toEqual(['Dirk Jansen\tCTO\tAcme Freight\tAnn Peeters\tÉmile de Vries']);
  });

  it('is a usage error outside a team', () => {
    const home = tmp();
    const r = refer(['team', 'who-knows', 'Carla'], { HOME: home, REFER_DB: join(home, 'r.db'), PATH: process.env.PATH });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not in a team: run refer team join URL first/);
  });
});

describe('no double asks', () => {
  const warnings = (rep: Rep, rel: number, to: number[]) =>
    rep.json<{ warnings: string[] }>(['ask', String(rel), '--to', ...to.map(String), '--dry-run', '--no-input']).warnings;

  it('warns when a teammate asked the same relation (same name and company) in the last 30 days, naming them and how long ago', () => {
    const w = cleo.json<{ warnings: string[] }>(['ask', String(ids.emileByName), '--kind', 'quote', '--dry-run', '--no-input']).warnings;
    expect(w).toContainEqual(expect.stringMatching(/^Ann Peeters \(teammate\) asked Émile de Vries 12 days ago: agree with Ann Peeters who asks/));
  });

  it('warns for the same relation found by LinkedIn URL, and not for a namesake with another URL', () => {
    const byUrl = cleo.run(['ask', String(ids.emileByUrl), '--kind', 'quote', '--dry-run', '--no-input']);
    expect(byUrl.code).toBe(0);
    expect(byUrl.stderr).toMatch(/warning: Ann Peeters \(teammate\) asked Émile de Vries 12 days ago/);
    const other = cleo.json<{ warnings: string[] }>(['ask', String(ids.emileOtherUrl), '--kind', 'quote', '--dry-run', '--no-input']);
    expect(other.warnings.filter((x) => /teammate|pipeline/.test(x))).toEqual([]);
  });

  it('warns on stderr and in --json when a referee is in a teammate’s open pipeline', () => {
    const w = warnings(cleo, ids.greta!, [ids.carlaOfGreta!]);
    expect(w).toContainEqual(expect.stringMatching(/^Carla Ruiz is already in Ann Peeters's open pipeline \(asked, asked via Émile de Vries 12 days ago\): check with Ann Peeters/));
    expect(w.filter((x) => /teammate/.test(x))).toEqual([]);
    const r = cleo.run(['ask', String(ids.greta), '--to', String(ids.carlaOfGreta), '--dry-run', '--no-input']);
    expect(r.stderr).toMatch(/warning: Carla Ruiz is already in Ann Peeters's open pipeline .*team data from the last pull/);
  });

  it('says nothing where nothing collides: another person, or a teammate’s ask more than 30 days ago', () => {
    expect(warnings(cleo, ids.greta!, [ids.hugo!]).filter((x) => /teammate|pipeline/.test(x))).toEqual([]);
    const quote = cleo.json<{ warnings: string[] }>(['ask', String(ids.hanna), '--kind', 'quote', '--dry-run', '--no-input']).warnings;
    expect(quote.filter((x) => /teammate|pipeline/.test(x))).toEqual([]);
  });

  it('an open referral stays in the pipeline however old the ask', () => {
    expect(warnings(cleo, ids.hanna!, [ids.ivo!])).toContainEqual(expect.stringMatching(/^Ivo Kramer is already in Bob Maas's open pipeline \(asked, asked via Hanna Smit 40 days ago\)/));
  });

  it('warns for an ask that is stored as well (the walk and the playbook draft through the same draftAsk)', () => {
    const stored = cleo.json<{ ask: { id: number }; warnings: string[] }>(['ask', String(ids.greta), '--to', String(ids.carlaOfGreta), '--no-input']);
    expect(stored.ask.id).toBeGreaterThan(0);
    expect(stored.warnings.some((x) => x.includes("Ann Peeters's open pipeline"))).toBe(true);
  });
});

describe('refer today and refer relation show', () => {
  it('leaves a relation a teammate asked within 30 days out of "worth asking now", with the reason', () => {
    const today = cleo.json<{ askNow: Array<{ id: number }>; askNowLeftOut: Array<{ id: number; reason: string }> }>(['today']);
    expect(today.askNow.map((r) => r.id)).not.toContain(ids.emileByName);
    expect(today.askNowLeftOut).toEqual([
      { id: ids.emileByName, name: 'emile DE VRIES', company: 'brule bv', reason: expect.stringMatching(/^Ann Peeters \(teammate\) asked Émile de Vries 12 days ago/) },
    ]);
    expect(cleo.ok(['today']).stdout).toMatch(/left out: emile DE VRIES \(brule bv\): Ann Peeters \(teammate\) asked/);
  });

  it('lists the teammates who know the relation too', () => {
    const shown = cleo.json<{ teammates: Array<{ name: string; as: string; via: string | null; nps: number | null }> }>(['relation', 'show', String(ids.emileByName)]);
    expect(shown.teammates).toEqual([{ rep: expect.any(String), name: 'Ann Peeters', as: 'relation', via: null, nps: 10, lastAskAt: expect.any(String) }]);
    const text = cleo.ok(['relation', 'show', String(ids.emileByName)]).stdout;
    expect(text).toMatch(/Teammates who know them \(1\)\n {2}Ann Peeters: their relation \(NPS 10\), asked 12 days ago/);
    expect(cleo.json<{ teammates: Array<{ name: string; lastAskAt: string }> }>(['relation', 'show', String(ids.hanna)]).teammates).toEqual([
      { rep: expect.any(String), name: 'Bob Maas', as: 'relation', via: null, nps: null, lastAskAt: expect.any(String) },
    ]);
    expect(bob.json<{ teammates: unknown[] }>(['relation', 'show', 'Frank Bos']).teammates).toEqual([]);
  });
});

describe('offline: the server cannot be reached', () => {
  it('who-knows and the warnings answer from the last pull and say how old it is; sync and team stats fail in one line', () => {
    const local = new Database(cleo.db);
    const url = local.prepare('SELECT url FROM team').pluck().get() as string;
    const closed = new URL(url);
    closed.port = '1'; // nothing listens there
    local.prepare('UPDATE team SET url = ?, last_pull_at = ?').run(closed.href, new Date(Date.now() - 3 * 3_600_000).toISOString());
    local.close();
    try {
      const sync = cleo.run(['team', 'sync']);
      expect(sync.code).toBe(1);
      expect(sync.stderr.trim().split('\n')).toHaveLength(1);
      expect(sync.stderr).toMatch(/127\.0\.0\.1:1\b/);

      const stats = cleo.run(['team', 'stats']);
      expect(stats.code).toBe(1);
      expect(stats.stderr.trim().split('\n')).toHaveLength(1);
      expect(stats.stderr).toMatch(/cannot reach the team server at 127\.0\.0\.1:1/);

      const who = cleo.run(['team', 'who-knows', 'Carla Ruiz', '--json']);
      expect(who.code).toBe(0);
      expect(JSON.parse(who.stdout)).toHaveLength(3);
      expect(who.stderr).toMatch(/team data from the last pull, 3 hours ago/);

      const w = cleo.json<{ warnings: string[] }>(['ask', String(ids.emileByName), '--kind', 'quote', '--dry-run', '--no-input']).warnings;
      expect(w).toContainEqual(expect.stringMatching(/^Ann Peeters \(teammate\) asked Émile de Vries 12 days ago.*\(team data from the last pull, 3 hours ago\)$/));
    } finally {
      const back = new Database(cleo.db);
      back.prepare('UPDATE team SET url = ?').run(url);
      back.close();
    }
  });
});
