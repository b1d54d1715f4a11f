// `refer team sync` against a real PostgreSQL server (scripts/with-postgres.sh): reps are real
// login roles, each running the built bin with their own HOME, REFER_DB and PGPASSWORD. A sync
// cut off anywhere (kill -9, the server connection terminated) leaves both sides consistent and
// the next sync completes it; what is never shared never reaches the server.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, refer, referOk } from '../support/bin.js';
import { seedAsk } from '../support/followup-seed.js';
import { referPty } from '../support/pty.js';
import { addRep, teamServer } from '../support/team.js';
import { openDb } from '../../src/db/open.js';
import { connectTeam } from '../../src/team/connect.js';
import { REP_LOCK } from '../../src/team/membership.js';
import { SHARED } from '../../src/team/shared.js';
import { syncTeam } from '../../src/team/sync.js';

type Server = Awaited<ReturnType<typeof teamServer>>;
let server: Server;
let su: pg.Client;
const dirs: string[] = [];
const TABLES = Object.keys(SHARED) as Array<keyof typeof SHARED>;

beforeAll(async () => {
  server = await teamServer();
  referOk(['team', 'setup', server.url], { PATH: process.env.PATH, HOME: tmp() });
  su = new pg.Client(server.url);
  await su.connect();
}, 60_000);

afterAll(async () => {
  await su?.end();
  await server?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'refer-sync-'));
  dirs.push(d);
  return d;
}

interface Rep {
  role: string;
  env: Record<string, string | undefined>;
  db: string;
  ok(args: string[]): ReturnType<typeof referOk>;
  run(args: string[]): ReturnType<typeof refer>;
  /** `team sync --json` that must succeed */
  sync(): { pushed: number; pulled: number; syncedAt: string };
  /** a sync in the background */
  spawnSync(): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> };
}

let roles = 0;
/** A rep: a login role in refer_member, with their own home and database, who joined the team. */
async function newRep(name: string): Promise<Rep> {
  const role = server.role(`sync${++roles}_${name.toLowerCase()}`);
  const password = `pw-${role}`;
  const url = await addRep(server, role, password);
  const home = tmp();
  const db = join(home, 'refer.db');
  const env = { HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), REFER_DB: db, PGPASSWORD: password, PATH: process.env.PATH, TZ: 'UTC', NO_COLOR: '1' };
  const rep: Rep = {
    role,
    env,
    db,
    ok: (args) => referOk(args, env),
    run: (args) => refer(args, env),
    sync: () => JSON.parse(referOk(['team', 'sync', '--json'], env).stdout),
    spawnSync() {
      const child = spawn(process.execPath, [BIN, 'team', 'sync', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d) => (stdout += d));
      child.stderr!.on('data', (d) => (stderr += d));
      const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
      );
      return { child, done };
    },
  };
  rep.ok(['team', 'join', url, '--name', name]);
  return rep;
}

/** A LinkedIn export of `n` invented connections. */
function linkedinCsv(n: number, tag: string): string {
  const lines = ['First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let i = 0; i < n; i++) lines.push(`Person${i},${tag}${i},https://www.linkedin.com/in/${tag.toLowerCase()}-${i},${tag.toLowerCase()}${i}@mail.test,Company ${i % 997},Head of Sales,3 Nov 2025`);
  const file = join(tmp(), 'connections.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A relation with `n` imported connections (one local transaction: n + 1 rows in the outbox). */
function bigImport(rep: Rep, n: number, tag = 'Bulk'): void {
  rep.ok(['relation', 'add', `${tag} Ambassador`, '--kind', 'client', '--company', 'Example BV']);
  rep.ok(['connection', 'import', `${tag} Ambassador`, linkedinCsv(n, tag)]);
}

/** The rep's rows on the server, per table (as superuser: row-level security aside). */
async function serverCounts(rep: Rep): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await su.query(`SELECT count(*) AS n FROM refer.${t} WHERE rep = $1`, [rep.role])).rows[0].n);
  return out;
}

function local<T>(rep: Rep, read: (db: Database.Database) => T): T {
  const db = new Database(rep.db, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const localCounts = (rep: Rep) =>
  local(rep, (db) => Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number])));
const pending = (rep: Rep) => local(rep, (db) => db.prepare('SELECT count(*) FROM team_outbox').pluck().get() as number);

/** Every shared value of the rep's rows on the server, as text, for an exact comparison. */
async function serverRows(rep: Rep, table: string): Promise<string[]> {
  const cols = ['id', ...SHARED[table as keyof typeof SHARED]];
  const r = await su.query(`SELECT ${cols.map((c) => `${c}::text`).join(', ')} FROM refer.${table} WHERE rep = $1 ORDER BY id`, [rep.role]);
  return r.rows.map((row) => JSON.stringify(Object.values(row)));
}

/** The rep's server backend once it matches `condition` on pg_stat_activity (polled). */
async function waitForBackend(rep: Rep, condition: string, timeoutMs = 15_000): Promise<number | undefined> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const r = await su.query(`SELECT pid FROM pg_stat_activity WHERE usename = $1 AND ${condition}`, [rep.role]);
    if (r.rows[0]) return r.rows[0].pid as number;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return undefined;
}
const IN_BATCH = "state = 'active' AND query LIKE 'INSERT INTO refer.connections%'";
const IN_TRANSACTION = 'xact_start IS NOT NULL';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the rep has no backend left on the server (a killed client's one rolls back). */
async function waitGone(rep: Rep): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const r = await su.query('SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1', [rep.role]);
    if (Number(r.rows[0].n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const TRICKY = 'Quote " backslash \\ comma, {braces} NULL \'single\' \n newline ünïcode';

describe('refer team sync', () => {
  it('pushes one rep’s changes and pulls them into a teammate’s cache; a second sync changes nothing', async () => {
    const ann = await newRep('Ann');
    const bob = await newRep('Bob');
    ann.ok(['relation', 'add', 'Carla Client', '--kind', 'client', '--company', 'Acme', '--role', 'CFO', '--linkedin', 'https://www.linkedin.com/in/carla-client']);
    ann.ok(['nps', 'Carla Client', '9']);
    ann.ok(['relation', 'add', 'Zoë "Zee" O\'Brien', '--company', TRICKY]);
    seedAsk(ann.db, { relation: 'Carla Client', referees: ['Dirk Referee'], askedAt: new Date('2026-11-02T10:00:00Z'), dueAt: new Date('2026-11-05T10:00:00Z') });

    const first = ann.sync();
    expect(first.pushed).toBeGreaterThan(0);
    expect(await serverCounts(ann)).toEqual(localCounts(ann));
    expect(pending(ann)).toBe(0);
    const [carla] = (await su.query('SELECT name, company, role, kind, nps_score, last_ask_at FROM refer.relations WHERE rep = $1', [ann.role])).rows;
    expect(carla).toMatchObject({ name: 'Carla Client', company: 'Acme', role: 'CFO', kind: 'client', nps_score: 9 });
    expect(carla.last_ask_at.toISOString()).toBe('2026-11-02T10:00:00.000Z');

    const pulled = bob.sync();
    expect(pulled.pushed).toBe(0);
    expect(pulled.pulled).toBeGreaterThanOrEqual(4);
    const cached = local(bob, (db) => db.prepare("SELECT rep, name, company, nps_score, last_ask_at FROM team_relations WHERE name = 'Carla Client'").all());
    expect(cached).toEqual([{ rep: ann.role, name: 'Carla Client', company: 'Acme', nps_score: 9, last_ask_at: '2026-11-02T10:00:00.000Z' }]);
    // text arrives as it was typed, whatever it holds
    expect(local(bob, (db) => db.prepare("SELECT company FROM team_relations WHERE name LIKE 'Zo%'").pluck().get())).toBe(TRICKY);
    expect(local(bob, (db) => db.prepare('SELECT name FROM team_connections').pluck().all())).toEqual(['Dirk Referee']);
    expect(local(bob, (db) => db.prepare('SELECT rep, name FROM team_reps ORDER BY name').all())).toContainEqual({ rep: ann.role, name: 'Ann' });

    // the same state again: nothing to push, nothing new to pull, nothing changed on the server
    const version = (await su.query('SELECT version FROM refer.reps WHERE rep = $1', [ann.role])).rows[0].version;
    expect(ann.sync()).toMatchObject({ pushed: 0, pulled: 0 });
    expect(bob.sync()).toMatchObject({ pushed: 0, pulled: 0 });
    expect((await su.query('SELECT version FROM refer.reps WHERE rep = $1', [ann.role])).rows[0].version).toBe(version);

    // a change on one side reaches the other at the next syncs
    ann.ok(['relation', 'edit', 'Carla Client', '--company', 'Acme Group']);
    expect(ann.sync().pushed).toBe(1);
    expect(bob.sync().pulled).toBeGreaterThan(0);
    expect(local(bob, (db) => db.prepare('SELECT company FROM team_relations').pluck().get())).toBe('Acme Group');

    const text = ann.ok(['team', 'sync']);
    expect(text.stdout).toMatch(/^Synced with 127\.0\.0\.1:\d+\/\S+: 0 changes sent, 0 teammate rows received\.\n$/);
  }, 60_000);

  it('sends only the current values once, whatever the outbox repeats (a crash after the server committed)', async () => {
    const ann = await newRep('Ann');
    bigImport(ann, 2_000);
    expect(ann.sync().pushed).toBe(2_001);
    const before = await serverRows(ann, 'connections');
    const version = (await su.query('SELECT version FROM refer.reps WHERE rep = $1', [ann.role])).rows[0].version;
    // the state a kill -9 between the server's COMMIT and the outbox's delete leaves: every row queued again
    const db = new Database(ann.db);
    db.exec("INSERT INTO team_outbox (entity, local_id) SELECT 'connection', id FROM connections; INSERT INTO team_outbox (entity, local_id) SELECT 'relation', id FROM relations;");
    db.close();
    expect(ann.sync().pushed).toBe(0);
    expect(await serverRows(ann, 'connections')).toEqual(before);
    expect((await su.query('SELECT version FROM refer.reps WHERE rep = $1', [ann.role])).rows[0].version).toBe(version);
    expect(pending(ann)).toBe(0);
  }, 60_000);

  it('completes a push of 30,000 rows that kill -9 cut off, at several moments: nothing twice, nothing lost', async () => {
    const ann = await newRep('Ann');
    bigImport(ann, 30_000);
    const queued = pending(ann);
    expect(queued).toBeGreaterThanOrEqual(30_001);
    // [moment, how to reach it, whether it is surely before the server's COMMIT]
    const moments: Array<[string, () => Promise<unknown>, boolean]> = [
      ['in the first batch', () => waitForBackend(ann, IN_BATCH), true],
      ['the server transaction just begun', () => waitForBackend(ann, IN_TRANSACTION), true],
      ['before it reached the server', () => sleep(40), true],
      ['some batches later', async () => (await waitForBackend(ann, IN_BATCH)) !== undefined && sleep(200), false],
    ];
    let committed = false;
    for (const [moment, reached, beforeCommit] of moments) {
      const run = ann.spawnSync();
      await reached();
      run.child.kill('SIGKILL');
      const r = await run.done;
      expect(r.signal, `${moment}: the sync had ended (${r.stderr})`).toBe('SIGKILL');
      await waitGone(ann);
      const counts = await serverCounts(ann);
      if (beforeCommit || counts.connections === 0) {
        // the server rolled the cut transaction back, and the changes wait in the outbox
        expect(counts, moment).toEqual({ relations: 0, connections: 0, asks: 0, referrals: 0 });
        expect(pending(ann), moment).toBe(queued);
      } else {
        // killed after the server's COMMIT: all of it is there, and the next sync sends nothing twice
        expect(counts, moment).toEqual(localCounts(ann));
        committed = true;
      }
    }
    const done = ann.sync();
    expect(done.pushed).toBe(committed ? 0 : 30_001);
    expect(await serverCounts(ann)).toEqual(localCounts(ann));
    const ids = (await su.query('SELECT id FROM refer.connections WHERE rep = $1 ORDER BY id', [ann.role])).rows.map((r) => Number(r.id));
    expect(ids).toEqual(local(ann, (db) => db.prepare('SELECT id FROM connections ORDER BY id').pluck().all()));
    expect(pending(ann)).toBe(0);
    expect(ann.sync()).toMatchObject({ pushed: 0, pulled: 0 });
  }, 120_000);

  it('fails in one line naming the server when its connection is cut mid-push, and the next sync completes it', async () => {
    const ann = await newRep('Ann');
    bigImport(ann, 30_000, 'Cut');
    const run = ann.spawnSync();
    const pid = await waitForBackend(ann, IN_BATCH);
    expect(pid).toBeDefined();
    await su.query('SELECT pg_terminate_backend($1)', [pid]);
    const r = await run.done;
    expect(r.code).toBe(1);
    const port = new URL(server.url).port;
    expect(r.stderr).toMatch(new RegExp(`^error: .*127\\.0\\.0\\.1:${port}.*\\n$`));
    expect(r.stderr).not.toContain(ann.env.PGPASSWORD!);
    expect(r.stdout).toBe('');
    expect(pending(ann)).toBeGreaterThanOrEqual(30_001);
    expect(await serverCounts(ann)).toEqual({ relations: 0, connections: 0, asks: 0, referrals: 0 });
    expect(ann.sync().pushed).toBe(30_001);
    expect(await serverCounts(ann)).toEqual(localCounts(ann));
  }, 120_000);

  it('keeps the teammates’ copy whole when kill -9 cuts a pull, and the next sync completes it', async () => {
    const ann = await newRep('Ann');
    const bob = await newRep('Bob');
    ann.sync(); // what the other tests' reps share, out of the way
    bigImport(bob, 30_000, 'Pulled');
    bob.sync();
    const theirs = () => local(ann, (db) => db.prepare('SELECT count(*) FROM team_connections WHERE rep = ?').pluck().get(bob.role) as number);
    expect(theirs()).toBe(0);
    for (const wait of [0, 60, 150, 300]) {
      const run = ann.spawnSync();
      await waitForBackend(ann, "query LIKE '%FROM refer.connections WHERE rep = $1%'");
      await sleep(wait);
      run.child.kill('SIGKILL');
      await run.done;
      // all of Bob's rows or none: the cache is written in one local transaction
      expect([0, 30_000]).toContain(theirs());
    }
    ann.sync();
    expect(theirs()).toBe(30_000);
    expect(ann.sync()).toMatchObject({ pushed: 0, pulled: 0 });
  }, 120_000);

  it('runs two syncs of one rep one after the other, and many reps’ syncs at once', async () => {
    const ann = await newRep('Ann');
    bigImport(ann, 10_000, 'Twice');
    const [a, b] = [ann.spawnSync(), ann.spawnSync()];
    const results = await Promise.all([a.done, b.done]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const pushed = results.map((r) => JSON.parse(r.stdout).pushed).sort((x, y) => x - y);
    expect(pushed).toEqual([0, 10_001]);
    expect(await serverCounts(ann)).toEqual(localCounts(ann));

    const reps = await Promise.all(['Cas', 'Dee', 'Eve', 'Fay'].map((n) => newRep(n)));
    reps.forEach((rep, i) => bigImport(rep, 500 + i, `Many${i}`));
    const runs = reps.map((rep) => rep.spawnSync());
    const all = await Promise.all(runs.map((r) => r.done));
    for (const r of all) expect(r.code, r.stderr).toBe(0);
    for (const rep of reps) expect(await serverCounts(rep)).toEqual(localCounts(rep));
  }, 120_000);

  it('waits for another sync of the same rep on the server, but not for ever', async () => {
    const ann = await newRep('Ann');
    ann.ok(['relation', 'add', 'Quinn Waiting', '--kind', 'client']);
    // another client of Ann's role, in the middle of its push
    const other = await server.connectAs(ann.role, ann.env.PGPASSWORD!);
    await other.query('BEGIN');
    await other.query(REP_LOCK);
    const db = openDb(ann.db);
    const team = await connectTeam(local(ann, (d) => d.prepare('SELECT url FROM team').pluck().get() as string), ann.env);
    try {
      await expect(syncTeam(db, team, { lockTimeoutMs: 300 })).rejects.toThrow(/another sync of \S+ has held the team database at 127\.0\.0\.1:\d+/);
      expect(pending(ann)).toBeGreaterThan(0);
      // once it ends, this one goes through
      const waiting = syncTeam(db, team, { lockTimeoutMs: 20_000 });
      await sleep(200);
      await other.query('COMMIT');
      expect((await waiting).pushed).toBe(1);
    } finally {
      await other.end();
      await team.close();
      db.close();
    }
  }, 60_000);

  it('gives up in one line on a server that stops answering mid-push, keeps the changes, and the next sync completes it', async () => {
    const ann = await newRep('Ann');
    bigImport(ann, 30_000, 'Frozen');
    // a network between Ann and the server that goes silent on demand (no reset, no close: a laptop that slept)
    const target = new URL(server.url);
    let frozen = false;
    const sockets: Socket[] = [];
    const proxy = createServer((inbound) => {
      const outbound = tcpConnect(Number(target.port), target.hostname);
      sockets.push(inbound, outbound);
      for (const [from, to] of [[inbound, outbound], [outbound, inbound]] as const) {
        from.on('data', (d) => {
          if (!frozen) to.write(d);
        });
        from.on('error', () => {});
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    const db = openDb(ann.db);
    const url = new URL(local(ann, (d) => d.prepare('SELECT url FROM team').pluck().get() as string));
    url.port = String(port);
    const team = await connectTeam(url.href, ann.env);
    try {
      const cut = syncTeam(db, team, { answerTimeoutMs: 1_000 });
      expect(await waitForBackend(ann, IN_BATCH)).toBeDefined();
      frozen = true;
      const started = Date.now();
      await expect(cut).rejects.toThrow(new RegExp(`cannot reach the team server at 127\\.0\\.0\\.1:${port} .*your changes are kept`));
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(pending(ann)).toBeGreaterThanOrEqual(30_001);
    } finally {
      await team.close();
      db.close();
    }
    // the network comes back long enough for the server to see the old connection gone (a session
    // left idle in its transaction also ends itself after the same minute): the next sync goes through
    for (const s of sockets) s.destroy();
    proxy.close();
    await waitGone(ann);
    const done = ann.sync();
    expect(done.pushed).toBe(30_001);
    expect(await serverCounts(ann)).toEqual(localCounts(ann));
  }, 120_000);

  it('shows a progress line on a terminal while a large push goes, and none in a pipe', async () => {
    const ann = await newRep('Ann');
    bigImport(ann, 12_000, 'Shown');
    const pty = referPty(['team', 'sync'], { env: ann.env });
    await pty.waitFor(/pushing [\d,]+ of 12,001 changes…/);
    const end = await pty.exit(60_000);
    expect(end.code).toBe(0);
    expect(end.output).toMatch(/Synced with 127\.0\.0\.1:\d+\/\S+: 12,001 changes sent, [\d,]+ teammate rows? received\./);
    // the line is cleared before the result
    expect(pty.raw()).toMatch(/\r\x1b\[K/);

    const bob = await newRep('Bob');
    ann.ok(['connection', 'import', 'Shown Ambassador', linkedinCsv(3_000, 'Piped')]);
    const piped = ann.run(['team', 'sync']);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');

    // a teammate receiving those rows sees them come in
    const pull = referPty(['team', 'sync'], { env: bob.env });
    await pull.waitFor(/receiving teammates' rows: [\d,]+…/);
    expect((await pull.exit(60_000)).code).toBe(0);
  }, 60_000);

  it('brings back in line a team database that lost rows this one still has (deleted there by hand, or an older backup)', async () => {
    const ann = await newRep('Ann');
    ann.ok(['relation', 'add', 'Nora Restored', '--kind', 'client']);
    seedAsk(ann.db, { relation: 'Nora Restored', referees: ['Olaf Referee'], askedAt: new Date('2026-11-02T10:00:00Z'), dueAt: new Date('2026-11-05T10:00:00Z') });
    ann.sync();
    const before = await serverRows(ann, 'referrals');
    // the server loses Nora (and by cascade what hangs off her), and holds a row Ann never had
    await su.query('DELETE FROM refer.relations WHERE rep = $1', [ann.role]);
    await su.query("INSERT INTO refer.relations (rep, id, name, kind) VALUES ($1, 999999, 'Stray Row', 'other')", [ann.role]);
    // a change whose parent the server no longer has
    ann.ok(['connection', 'add', 'Nora Restored', 'Piet Later']);
    expect(ann.sync().pushed).toBeGreaterThan(0);
    expect(await serverCounts(ann)).toEqual(localCounts(ann));
    expect(await serverRows(ann, 'referrals')).toEqual(before);
    expect((await su.query('SELECT name FROM refer.relations WHERE rep = $1', [ann.role])).rows).toEqual([{ name: 'Nora Restored' }]);
    expect(pending(ann)).toBe(0);
    expect(ann.sync().pushed).toBe(0);
  }, 60_000);

  it('erases a forgotten person from the team database at the next sync, and says so', async () => {
    const ann = await newRep('Ann');
    const bob = await newRep('Bob');
    ann.ok(['relation', 'add', 'Gina Forgotten', '--kind', 'friend', '--company', 'Gone BV']);
    seedAsk(ann.db, { relation: 'Gina Forgotten', referees: ['Hans Referee'], askedAt: new Date('2026-11-02T10:00:00Z'), dueAt: new Date('2026-11-05T10:00:00Z') });
    ann.ok(['relation', 'add', 'Ivo Kept', '--kind', 'client']);
    ann.sync();
    bob.sync();
    const cachedNames = () => local(bob, (db) => db.prepare('SELECT name FROM team_relations WHERE rep = ? ORDER BY name').pluck().all(ann.role));
    expect(cachedNames()).toEqual(['Gina Forgotten', 'Ivo Kept']);

    const forget = ann.ok(['forget', 'Gina Forgotten', '--force']);
    expect(forget.stderr).toContain('the team database forgets Gina Forgotten at your next `refer team sync`');
    expect(ann.sync().pushed).toBeGreaterThan(0);
    const names = async (table: string) => (await su.query(`SELECT name FROM refer.${table} WHERE rep = $1`, [ann.role])).rows.map((r) => r.name);
    expect(await names('relations')).toEqual(['Ivo Kept']);
    expect(await names('connections')).toEqual([]);
    expect(await serverCounts(ann)).toEqual({ relations: 1, connections: 0, asks: 0, referrals: 0 });
    bob.sync();
    expect(cachedNames()).toEqual(['Ivo Kept']);
    expect(local(bob, (db) => db.prepare('SELECT count(*) FROM team_connections WHERE rep = ?').pluck().get(ann.role))).toBe(0);

    // outside a team, forget says nothing of it
    const home = tmp();
    const alone = { HOME: home, REFER_DB: join(home, 'refer.db'), PATH: process.env.PATH, NO_COLOR: '1' };
    referOk(['relation', 'add', 'Jan Alone'], alone);
    expect(referOk(['forget', 'Jan Alone', '--force'], alone).stderr).not.toContain('team');
  }, 60_000);

  it('never sends what is never shared: no planted e-mail, note, moment, NPS comment, script or follow-up on the server', async () => {
    const ann = await newRep('Ann');
    const mark = (what: string) => `zqx-${what}-${process.pid}`;
    ann.ok(['relation', 'add', 'Karel Private', '--kind', 'client', '--email', `${mark('relemail')}@mail.test`, '--note', mark('relnote')]);
    ann.ok(['moment', 'Karel Private', mark('moment')]);
    ann.ok(['nps', 'Karel Private', '10', '--comment', mark('npscomment')]);
    seedAsk(ann.db, { relation: 'Karel Private', referees: ['Lot Referee'], askedAt: new Date('2026-11-02T10:00:00Z'), dueAt: new Date('2026-11-05T10:00:00Z'), note: mark('followupnote') });
    const db = new Database(ann.db);
    db.prepare('UPDATE asks SET script = ?, forward = ?').run(mark('script'), mark('forward'));
    db.prepare('UPDATE connections SET email = ?').run(`${mark('connemail')}@mail.test`);
    db.prepare('UPDATE followups SET done_note = ?').run(mark('donenote'));
    db.close();
    ann.ok(['profile', 'set', '--offer', mark('offer')]);
    ann.sync();

    const planted = ['relemail', 'relnote', 'moment', 'npscomment', 'followupnote', 'script', 'forward', 'connemail', 'donenote', 'offer'].map(mark);
    // every column of every table in the team schema, as text
    const tables = (await su.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'refer'")).rows.map((r) => r.table_name);
    let everything = '';
    for (const t of tables) everything += JSON.stringify((await su.query(`SELECT * FROM refer.${t}`)).rows) + '\n';
    expect(everything).toContain('Karel Private');
    expect(everything).toContain('Lot Referee');
    for (const p of planted) expect(everything, p).not.toContain(p);

    // and the dump of the whole database, with pg_dump beside the server's pg_ctl
    const ctl = process.env.REFER_TEST_PG_CTL ? readFileSync(process.env.REFER_TEST_PG_CTL, 'utf8').match(/(\/\S+)\/pg_ctl/)?.[1] : undefined;
    const pgDump = ctl ? join(ctl, 'pg_dump') : 'pg_dump';
    const dump = spawnSync(pgDump, ['--data-only', '--schema', 'refer', server.url], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(dump.status, dump.stderr).toBe(0);
    expect(dump.stdout).toContain('Karel Private');
    for (const p of planted) expect(dump.stdout, p).not.toContain(p);
  }, 60_000);

  it('fails in one line with host and port when the server cannot be reached, and keeps the changes', async () => {
    const ann = await newRep('Ann');
    ann.ok(['relation', 'add', 'Mia Offline', '--kind', 'client']);
    const queued = pending(ann);
    expect(queued).toBeGreaterThan(0);
    // a port nobody listens on: the stored URL pointed elsewhere
    const db = new Database(ann.db);
    db.prepare('UPDATE team SET url = ?').run(`postgres://${ann.role}@127.0.0.1:1/${server.db}`);
    db.close();
    const r = ann.run(['team', 'sync']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*127\.0\.0\.1:1\b.*\n$/);
    expect(r.stdout).toBe('');
    expect(pending(ann)).toBe(queued);
  }, 30_000);

  it('is a usage error outside a team', () => {
    const home = tmp();
    const r = refer(['team', 'sync'], { HOME: home, REFER_DB: join(home, 'refer.db'), PATH: process.env.PATH, NO_COLOR: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refer team join');
  });
});
