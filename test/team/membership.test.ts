// refer team setup | join | status | leave against a real PostgreSQL server (scripts/with-postgres.sh),
// each rep a real login role running the built bin with their own HOME, REFER_DB and PGPASSWORD.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SCHEMA_VERSION, setupSchema } from '../../src/team/schema.js';
import { BIN } from '../support/bin.js';
import { referPty } from '../support/pty.js';
import { addOutsider, addRep, type RepSandbox, repSandbox, type TeamServer, teamServer } from '../support/team.js';

let server: TeamServer;
const sandboxes: RepSandbox[] = [];
const rep = (password: string | null) => {
  const s = repSandbox(password);
  sandboxes.push(s);
  return s;
};

beforeAll(async () => {
  server = await teamServer();
}, 60_000);

afterAll(async () => {
  for (const s of sandboxes) s.cleanup();
  await server?.drop();
}, 60_000);

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Every file under a folder (the rep's HOME holds the database, its WAL and the config). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function seed(s: RepSandbox): void {
  const ok = (args: string[]) => {
    const r = s.refer(args);
    expect(r.code, r.stderr).toBe(0);
  };
  ok(['relation', 'add', 'Noor Jansen', '--company', 'Kanaal BV', '--email', 'noor@kanaal.example', '--note', 'met at the fair']);
  ok(['connection', 'add', 'Noor Jansen', 'Pieter Smit', '--company', 'Dijk & Co', '--title', 'COO', '--email', 'pieter@dijk.example']);
}

describe('refer team setup', () => {
  it('creates the schema and refer_member, and is safe to repeat: the rows stay', async () => {
    const first = spawnSync(process.execPath, [BIN, 'team', 'setup', server.url], { encoding: 'utf8', env: { ...process.env, HOME: '/nonexistent' } });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/is set up \(schema \d+\)/);
    expect(first.stderr).toContain('IN ROLE refer_member');
    const admin = await server.admin();
    await admin.query(`INSERT INTO refer.reps (rep, name) VALUES ('someone_else', 'Someone Else')`);
    // a password in the URL (trust ignores it) is never echoed
    const withPw = server.url.replace('postgres@', 'postgres:Owner-Secret-4@');
    const again = spawnSync(process.execPath, [BIN, '--json', 'team', 'setup', withPw], { encoding: 'utf8' });
    expect(again.stdout + again.stderr).not.toContain('Owner-Secret-4');
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ schemaVersion: CLIENT_SCHEMA_VERSION, previousVersion: CLIENT_SCHEMA_VERSION });
    const meta = await admin.query(`SELECT value FROM refer.meta WHERE key = 'schema_version'`);
    expect(meta.rows).toEqual([{ value: String(CLIENT_SCHEMA_VERSION) }]);
    expect((await admin.query(`SELECT name FROM refer.reps`)).rows).toEqual([{ name: 'Someone Else' }]);
    const role = await admin.query(`SELECT rolcanlogin FROM pg_roles WHERE rolname = 'refer_member'`);
    expect(role.rows).toEqual([{ rolcanlogin: false }]);
    await admin.query(`DELETE FROM refer.reps`);
  });

  it('upgrades a team database set up by each earlier refer, keeping its rows', async () => {
    for (let version = 1; version < CLIENT_SCHEMA_VERSION; version++) {
      const old = await teamServer();
      try {
        const admin = await old.admin();
        await setupSchema(admin, (v) => new Error(`newer: ${v}`), version);
        expect((await admin.query(`SELECT value FROM refer.meta`)).rows).toEqual([{ value: String(version) }]);
        await admin.query(`INSERT INTO refer.reps (rep, name) VALUES ('earlier_rep', 'Earlier Rep')`);
        const r = spawnSync(process.execPath, [BIN, 'team', 'setup', old.url], { encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toContain(`upgraded from schema ${version} to ${CLIENT_SCHEMA_VERSION}`);
        expect((await admin.query(`SELECT value FROM refer.meta`)).rows).toEqual([{ value: String(CLIENT_SCHEMA_VERSION) }]);
        expect((await admin.query(`SELECT name FROM refer.reps`)).rows).toEqual([{ name: 'Earlier Rep' }]);
      } finally {
        await old.drop();
      }
    }
  });

  it('two setups at once both succeed and leave one schema', async () => {
    const other = await teamServer();
    try {
      const run = () =>
        new Promise<number>((resolve) => {
          const p = spawn(process.execPath, [BIN, 'team', 'setup', other.url], { stdio: 'ignore' });
          p.on('exit', (code) => resolve(code ?? -1));
        });
      expect(await Promise.all([run(), run(), run()])).toEqual([0, 0, 0]);
      const admin = await other.admin();
      const meta = await admin.query(`SELECT value FROM refer.meta`);
      expect(meta.rows).toEqual([{ value: String(CLIENT_SCHEMA_VERSION) }]);
    } finally {
      await other.drop();
    }
  });

  it("works for an owner who is no superuser, and refuses a role that is not the database's owner", async () => {
    const other = await teamServer();
    try {
      const admin = await other.admin();
      // refer_member is server-wide: make sure it exists, as a superuser would create it once
      await admin.query(`DO $$ BEGIN CREATE ROLE refer_member NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      const owner = other.role('owner');
      await admin.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'Owner-pw-8'`);
      await admin.query(`ALTER DATABASE ${other.db} OWNER TO ${owner}`);
      const stranger = other.role('stranger');
      await admin.query(`CREATE ROLE ${stranger} LOGIN PASSWORD 'Stranger-pw-9'`);
      const as = (role: string, pw: string) => {
        const u = new URL(other.url);
        u.username = role;
        return spawnSync(process.execPath, [BIN, 'team', 'setup', u.href], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: pw } });
      };
      const refused = as(stranger, 'Stranger-pw-9');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("as the database's owner");
      const ok = as(owner, 'Owner-pw-8');
      expect(ok.status, ok.stderr).toBe(0);
      expect(as(owner, 'Owner-pw-8').status).toBe(0);
      // and a rep can join and share through it
      const role = other.role('hal');
      const url = await addRep(other, role, 'Hal-pw-5');
      const s = rep('Hal-pw-5');
      seed(s);
      const joined = s.refer(['team', 'join', url]);
      expect(joined.code, joined.stderr).toBe(0);
      expect((await admin.query('SELECT count(*)::int AS n FROM refer.connections WHERE rep = $1', [role])).rows).toEqual([{ n: 1 }]);
    } finally {
      await other.drop();
    }
  });

  it('refuses a URL that is not a PostgreSQL URL (exit 2), without echoing a password', () => {
    for (const bad of ['http://db.example.com/sales', 'nonsense', 'postgres://ann:Hush-9@db.example.com', 'ann:Hush-9@db.example.com/sales', 'postgres://ann:Hu@sh-9@db.example.com', 'mysql://ann:Hush-9@db.example.com/sales', 'postgres://ann@db.example.com:99999/sales']) {
      const r = spawnSync(process.execPath, [BIN, 'team', 'setup', bad], { encoding: 'utf8' });
      expect(r.status, bad).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toContain('Hush-9');
      expect(r.stderr).not.toContain('sh-9');
    }
  });
});

describe('refer team join, status and leave', () => {
  let annRole: string;
  let annUrl: string;
  const annPw = 'Ann-pw-7e1c';

  beforeAll(async () => {
    const setup = spawnSync(process.execPath, [BIN, 'team', 'setup', server.url], { encoding: 'utf8' });
    expect(setup.status, setup.stderr).toBe(0);
    annRole = server.role('ann');
    annUrl = await addRep(server, annRole, annPw);
  }, 60_000);

  it('not in a team: status and leave exit 2 naming refer team join', () => {
    const s = rep(annPw);
    for (const args of [['team', 'status'], ['team', 'leave'], ['team', 'leave', '--erase', '--force']]) {
      const r = s.refer(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('refer team join');
    }
  });

  it('joins as the role in the URL, shows who and where in status, and leaves', async () => {
    const s = rep(annPw);
    seed(s);
    const joined = s.refer(['team', 'join', annUrl, '--name', 'Ann de Vries']);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout).toContain(`as ${annRole} (Ann de Vries)`);
    const admin = await server.admin();
    expect((await admin.query('SELECT rep, name FROM refer.reps WHERE rep = $1', [annRole])).rows).toEqual([{ rep: annRole, name: 'Ann de Vries' }]);

    const status = s.refer(['--json', 'team', 'status']);
    expect(status.code, status.stderr).toBe(0);
    const doc = JSON.parse(status.stdout);
    expect(Object.keys(doc).sort()).toEqual(['lastSyncAt', 'pending', 'rep', 'schemaVersion', 'url']);
    // join synced once: nothing waits, and the server has the rows
    expect(doc).toMatchObject({ url: annUrl, rep: annRole, schemaVersion: CLIENT_SCHEMA_VERSION, pending: 0 });
    expect(Date.parse(doc.lastSyncAt)).not.toBeNaN();
    expect((await admin.query('SELECT name, company FROM refer.relations WHERE rep = $1', [annRole])).rows).toEqual([{ name: 'Noor Jansen', company: 'Kanaal BV' }]);
    expect((await admin.query('SELECT name FROM refer.connections WHERE rep = $1', [annRole])).rows).toEqual([{ name: 'Pieter Smit' }]);
    // status shows the server's schema as of the last contact
    const local = new Database(s.db);
    local.prepare('UPDATE team SET server_version = NULL').run();
    local.close();
    expect(s.refer(['team', 'sync']).code).toBe(0);
    expect(JSON.parse(s.refer(['--json', 'team', 'status']).stdout).schemaVersion).toBe(CLIENT_SCHEMA_VERSION);
    // a change waits for the next sync
    expect(s.refer(['relation', 'edit', 'Noor Jansen', '--company', 'Kanaal Groep']).code).toBe(0);
    expect(JSON.parse(s.refer(['--json', 'team', 'status']).stdout).pending).toBe(1);
    const plain = s.refer(['team', 'status']);
    expect(plain.stdout).toContain(annUrl);
    expect(plain.stdout).toContain('Ann de Vries');

    // a second join of the same team is fine (a new name); another team is refused
    const rename = s.refer(['--json', 'team', 'join', annUrl, '--name', 'Ann V.']);
    expect(rename.code, rename.stderr).toBe(0);
    expect(Object.keys(JSON.parse(rename.stdout)).sort()).toEqual(['lastSyncAt', 'name', 'pending', 'pulled', 'pushed', 'rep', 'schemaVersion', 'url']);
    expect(JSON.parse(rename.stdout)).toMatchObject({ name: 'Ann V.', pending: 0, pushed: 1 });
    expect((await admin.query('SELECT name FROM refer.reps WHERE rep = $1', [annRole])).rows).toEqual([{ name: 'Ann V.' }]);
    const other = s.refer(['team', 'join', annUrl.replace(server.db, 'another_db')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('refer team leave');

    // plain leave: stop syncing, the server keeps the rows
    const left = s.refer(['team', 'leave']);
    expect(left.code, left.stderr).toBe(0);
    expect(s.refer(['team', 'status']).code).toBe(2);
    expect((await admin.query('SELECT count(*)::int AS n FROM refer.reps WHERE rep = $1', [annRole])).rows).toEqual([{ n: 1 }]);
    // the rep's own data is untouched
    expect(s.refer(['relation', 'list']).stdout).toContain('Noor Jansen');
  });

  it('leave --erase asks first (exit 2 without a terminal), then deletes every row of this rep, and only theirs', async () => {
    const bobRole = server.role('bob');
    const bobUrl = await addRep(server, bobRole, 'Bob-pw-55');
    const bob = rep('Bob-pw-55');
    seed(bob);
    expect(bob.refer(['team', 'join', bobUrl]).code).toBe(0);
    const s = rep(annPw);
    seed(s);
    expect(s.refer(['init', '--name', 'Ann de Vries', '--company', 'Route BV', '--offer', 'route planning', '--value', 'fewer empty kilometres']).code).toBe(0);
    const asked = s.refer(['ask', 'Noor Jansen', '--to', 'Pieter Smit', '--channel', 'email']);
    expect(asked.code, asked.stderr).toBe(0);
    // the join shared both reps' rows
    expect(s.refer(['team', 'join', annUrl]).code).toBe(0);
    const shown = s.refer(['team', 'status']).stdout;
    expect(shown).toMatch(new RegExp(`^teammates .*${bobRole}`, 'm'));
    expect(shown.split('\n').find((l) => l.startsWith('teammates'))).not.toContain('Ann de Vries');
    const refused = s.refer(['team', 'leave', '--erase']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(s.refer(['team', 'status']).code).toBe(0);

    const erased = s.refer(['--json', 'team', 'leave', '--erase', '--force']);
    expect(erased.code, erased.stderr).toBe(0);
    expect(JSON.parse(erased.stdout).erased).toMatchObject({ relations: 1, connections: 1, asks: 1, referrals: 1, reps: 1 });
    const admin = await server.admin();
    for (const table of ['reps', 'relations', 'connections']) {
      const r = await admin.query(`SELECT rep, count(*)::int AS n FROM refer.${table} WHERE rep IN ($1, $2) GROUP BY rep`, [annRole, bobRole]);
      expect(r.rows, table).toEqual([{ rep: bobRole, n: 1 }]);
    }
    for (const table of ['asks', 'referrals']) {
      expect((await admin.query(`SELECT count(*)::int AS n FROM refer.${table} WHERE rep = $1`, [annRole])).rows, table).toEqual([{ n: 0 }]);
    }
    expect(s.refer(['team', 'status']).code).toBe(2);
  });

  it('leave --erase on a terminal asks: no keeps everything, yes erases', async () => {
    const s = rep(annPw);
    seed(s);
    expect(s.refer(['team', 'join', annUrl]).code).toBe(0);
    const admin = await server.admin();
    const mine = async () => (await admin.query('SELECT count(*)::int AS n FROM refer.relations WHERE rep = $1', [annRole])).rows[0].n;
    expect(await mine()).toBe(1);
    const no = referPty(['team', 'leave', '--erase'], { env: s.env });
    await no.waitFor(/Delete all your rows/);
    no.write('n\r');
    expect((await no.exit()).code).toBe(130);
    expect(await mine()).toBe(1);
    expect(s.refer(['team', 'status']).code).toBe(0);
    const yes = referPty(['team', 'leave', '--erase'], { env: s.env });
    await yes.waitFor(/Delete all your rows/);
    yes.write('y\r');
    const done = await yes.exit();
    expect(done.code, yes.text()).toBe(0);
    expect(await mine()).toBe(0);
    expect(s.refer(['team', 'status']).code).toBe(2);
  });

  it('passes TLS options in the URL through to the connection, and keeps them in the stored URL', () => {
    const s = rep(annPw);
    // the test server has no TLS: sslmode=require must fail (so the option reached the client)
    const tls = s.refer(['team', 'join', `${annUrl}?sslmode=require`]);
    expect(tls.code).toBe(1);
    expect(tls.stderr.trim().split('\n')).toHaveLength(1);
    expect(tls.stderr).toContain(`${server.host}:${server.port}`);
    expect(tls.stderr).toMatch(/SSL/);
    const plain = s.refer(['team', 'join', `${annUrl}?sslmode=disable`]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(s.refer(['--json', 'team', 'status']).stdout).url).toBe(`${annUrl}?sslmode=disable`);
    expect(s.refer(['team', 'sync']).code).toBe(0);
  });

  it('export leaves the team out; an import --force while in the team reaches the server at the next sync', async () => {
    const role = server.role('joy');
    const url = await addRep(server, role, 'Joy-pw-7');
    const s = rep('Joy-pw-7');
    seed(s);
    expect(s.refer(['team', 'join', url]).code).toBe(0);
    const file = join(s.dir, 'export.json');
    expect(s.refer(['export', '-o', file]).code).toBe(0);
    const doc = readFileSync(file, 'utf8');
    expect(doc).not.toContain(role);
    expect(doc).not.toContain(server.db);
    expect(s.refer(['relation', 'add', 'Lotte Bos']).code).toBe(0);
    expect(s.refer(['team', 'sync']).code).toBe(0);
    const admin = await server.admin();
    const names = async () => (await admin.query('SELECT name FROM refer.relations WHERE rep = $1 ORDER BY name', [role])).rows.map((r) => r.name);
    expect(await names()).toEqual(['Lotte Bos', 'Noor Jansen']);
    const restored = s.refer(['import', file, '--force']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(s.refer(['team', 'status']).code).toBe(0);
    expect(s.refer(['team', 'sync']).code).toBe(0);
    expect(await names()).toEqual(['Noor Jansen']);
  });

  it('reads the password from ~/.pgpass (mode 0600 only, as libpq does)', () => {
    const s = rep(null);
    const u = new URL(annUrl);
    s.pgpass(`# the team\n${u.hostname}:${u.port}:${server.db}:${annRole}:${annPw}`);
    const ok = s.refer(['team', 'join', annUrl]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(s.refer(['team', 'leave']).code).toBe(0);
    chmodSync(join(s.dir, '.pgpass'), 0o644);
    const loose = s.refer(['team', 'join', annUrl]);
    expect(loose.code).toBe(1);
    expect(loose.stderr).toContain('.pgpass');
    expect(loose.stderr).toMatch(/chmod 600/);
  });

  it('never prints or stores the password: not in any output, the database, its WAL or the config', () => {
    const secret = 'Very-Secret-Pw-' + Math.random().toString(36).slice(2, 10);
    return (async () => {
      const role = server.role('cas');
      const url = await addRep(server, role, secret);
      const s = rep(null);
      seed(s);
      const withPw = url.replace(`${role}@`, `${role}:${encodeURIComponent(secret)}@`);
      const outputs: string[] = [];
      const run = (args: string[], env: Record<string, string> = {}) => {
        const r = s.refer(args, { env });
        outputs.push(r.stdout, r.stderr);
        return r;
      };
      const joined = run(['team', 'join', withPw]);
      expect(joined.code, joined.stderr).toBe(0);
      expect(joined.stderr).toMatch(/not stored.*PGPASSWORD.*pgpass/);
      run(['team', 'status']);
      run(['--json', 'team', 'status']);
      // a wrong password in the URL is not echoed either
      run(['team', 'join', url.replace(`${role}@`, `${role}:Wrong-${secret}@`)]);
      run(['team', 'leave', '--erase', '--force'], { PGPASSWORD: secret });
      run(['team', 'join', url], { PGPASSWORD: secret });
      run(['team', 'status']);
      // libpq's other spelling: ?password=
      expect(run(['team', 'leave']).code).toBe(0);
      const param = run(['team', 'join', `${url}?password=${encodeURIComponent(secret)}`]);
      expect(param.code, param.stderr).toBe(0);
      expect(param.stderr).toMatch(/not stored/);
      run(['--json', 'team', 'status']);
      for (const out of outputs) expect(out).not.toContain(secret);
      // the local database (with its -wal and -shm), config and anything else under HOME
      const files = filesUnder(s.dir);
      expect(files.some((f) => f.endsWith('refer.db'))).toBe(true);
      for (const f of files) expect(readFileSync(f).includes(Buffer.from(secret)), f).toBe(false);
      const db = new Database(s.db, { readonly: true });
      const row = db.prepare('SELECT url FROM team').get() as { url: string };
      db.close();
      expect(row.url).toBe(url);
      expect(statSync(s.db).mode & 0o777).toBe(0o600);
    })();
  });

  it('a wrong password, an unknown database or a role outside refer_member: exit 1, one line naming host and port', async () => {
    const s = rep('not-the-password');
    const wrong = s.refer(['team', 'join', annUrl]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toContain(`${server.host}:${server.port}`);
    expect(wrong.stderr).toMatch(/password/);

    const noDb = rep(annPw).refer(['team', 'join', annUrl.replace(server.db, `${server.db}_missing`)]);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain(`${server.host}:${server.port}`);

    const outsiderRole = server.role('eve');
    const outsiderUrl = await addOutsider(server, outsiderRole, 'Eve-pw-3');
    const eve = rep('Eve-pw-3');
    const denied = eve.refer(['team', 'join', outsiderUrl]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(`GRANT refer_member TO ${outsiderRole}`);
    expect(existsSync(eve.db) ? eve.refer(['team', 'status']).code : 2).toBe(2);
  });

  it('a server that cannot be reached: exit 1, one line naming host and port; nothing changes locally', async () => {
    const port = await closedPort();
    const s = rep(annPw);
    seed(s);
    const r = s.refer(['team', 'join', `postgres://${annRole}@127.0.0.1:${port}/${server.db}`]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
    expect(s.refer(['team', 'status']).code).toBe(2);

    // in a team, the server gone: leave --erase fails and keeps the membership and the waiting changes
    expect(s.refer(['team', 'join', annUrl]).code).toBe(0);
    const before = JSON.parse(s.refer(['--json', 'team', 'status']).stdout);
    const db = new Database(s.db);
    db.prepare('UPDATE team SET url = ?').run(`postgres://${annRole}@127.0.0.1:${port}/${server.db}`);
    db.close();
    expect(s.refer(['relation', 'add', 'Lotte Bos']).code).toBe(0);
    const gone = s.refer(['team', 'leave', '--erase', '--force']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`127.0.0.1:${port}`);
    expect(gone.stderr).toMatch(/kept/);
    const after = JSON.parse(s.refer(['--json', 'team', 'status']).stdout);
    expect(after.pending).toBe(before.pending + 1);
  });

  it('a server schema newer than this refer: setup and join refuse with a clear message and change nothing', async () => {
    const future = await teamServer();
    try {
      expect(spawnSync(process.execPath, [BIN, 'team', 'setup', future.url]).status).toBe(0);
      const admin = await future.admin();
      await admin.query(`UPDATE refer.meta SET value = $1 WHERE key = 'schema_version'`, [String(CLIENT_SCHEMA_VERSION + 1)]);
      const shape = async () =>
        (
          await admin.query(
            `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int AS policies
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'refer' ORDER BY c.relname`,
          )
        ).rows;
      const before = await shape();
      const setup = spawnSync(process.execPath, [BIN, 'team', 'setup', future.url], { encoding: 'utf8' });
      expect(setup.status).toBe(1);
      expect(setup.stderr).toContain(`schema ${CLIENT_SCHEMA_VERSION + 1}, this refer knows ${CLIENT_SCHEMA_VERSION}; upgrade refer`);
      const role = future.role('dan');
      const url = await addRep(future, role, 'Dan-pw-1');
      const s = rep('Dan-pw-1');
      const joined = s.refer(['team', 'join', url]);
      expect(joined.code).toBe(1);
      expect(joined.stderr).toContain('upgrade refer');
      expect(await shape()).toEqual(before);
      expect((await admin.query(`SELECT value FROM refer.meta`)).rows).toEqual([{ value: String(CLIENT_SCHEMA_VERSION + 1) }]);
      expect((await admin.query(`SELECT count(*)::int AS n FROM refer.reps`)).rows).toEqual([{ n: 0 }]);
    } finally {
      await future.drop();
    }
  });

  it('a first sync that fails leaves the rep in the team with everything waiting; the next sync shares it', async () => {
    const picky = await teamServer();
    try {
      expect(spawnSync(process.execPath, [BIN, 'team', 'setup', picky.url]).status).toBe(0);
      const admin = await picky.admin();
      await admin.query(`ALTER TABLE refer.connections ADD CONSTRAINT not_now CHECK (name <> 'Pieter Smit')`);
      const role = picky.role('ivy');
      const url = await addRep(picky, role, 'Ivy-pw-6');
      const s = rep('Ivy-pw-6');
      seed(s);
      const joined = s.refer(['team', 'join', url]);
      expect(joined.code).toBe(1);
      expect(joined.stderr).toContain(`${picky.host}:${picky.port}`);
      const waiting = JSON.parse(s.refer(['--json', 'team', 'status']).stdout);
      expect(waiting).toMatchObject({ rep: role, lastSyncAt: null, pending: 2 });
      expect((await admin.query('SELECT count(*)::int AS n FROM refer.relations')).rows).toEqual([{ n: 0 }]);
      await admin.query(`ALTER TABLE refer.connections DROP CONSTRAINT not_now`);
      const synced = s.refer(['team', 'sync']);
      expect(synced.code, synced.stderr).toBe(0);
      expect(JSON.parse(s.refer(['--json', 'team', 'status']).stdout).pending).toBe(0);
      expect((await admin.query('SELECT count(*)::int AS n FROM refer.connections WHERE rep = $1', [role])).rows).toEqual([{ n: 1 }]);
    } finally {
      await picky.drop();
    }
  });

  it('a database that was never set up: join exits 1 naming refer team setup', async () => {
    const bare = await teamServer();
    try {
      const admin = await bare.admin();
      await admin.query(`DO $$ BEGIN CREATE ROLE refer_member NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      const role = bare.role('fay');
      const url = await addRep(bare, role, 'Fay-pw-2');
      const r = rep('Fay-pw-2').refer(['team', 'join', url]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('refer team setup');
      expect(r.stderr).toContain(`${bare.host}:${bare.port}`);
    } finally {
      await bare.drop();
    }
  });
});

describe('start-up', () => {
  it('no command outside `refer team` loads node-postgres', () => {
    // the chunks of dist/ that hold pg (npm test builds first)
    const dist = join(BIN, '..', '..', 'dist');
    const pgChunks = filesUnder(dist).filter((f) => readFileSync(f, 'utf8').includes('SCRAM-SERVER-FIRST-MESSAGE'));
    expect(pgChunks.length).toBeGreaterThan(0);
    const s = rep(null);
    const loaded = (args: string[]) => {
      const probe = `
        const { main } = require(${JSON.stringify(join(dist, 'cli.cjs'))});
        main(${JSON.stringify(args)}, { stdin: process.stdin, stdout: { write() {} }, stderr: { write() {} } }, process.env).then(() => {
          process.stdout.write(JSON.stringify(Object.keys(require.cache)));
        });`;
      const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: s.env, input: '' });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as string[];
    };
    for (const args of [['--help'], ['relation', 'list'], ['team', 'status'], ['today']]) {
      const files = loaded(args);
      for (const chunk of pgChunks) expect(files, args.join(' ')).not.toContain(chunk);
    }
    // and `team setup` does (the probe itself is right)
    expect(loaded(['team', 'setup', 'postgres://nobody@127.0.0.1:1/none'])).toEqual(expect.arrayContaining(pgChunks.slice(0, 1)));
  });
});
