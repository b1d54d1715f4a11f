// Row-level security, enforced by PostgreSQL whatever client connects: raw SQL as one rep cannot
// change, delete or forge another rep's rows, and a role outside refer_member reads nothing.

import { spawnSync } from 'node:child_process';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED } from '../../src/team/shared.js';
import { BIN } from '../support/bin.js';
import { addOutsider, addRep, type TeamServer, teamServer } from '../support/team.js';

let server: TeamServer;
let admin: pg.Client;
let ann: pg.Client;
let bob: pg.Client;
let eve: pg.Client;
let annRole: string;
let bobRole: string;
let eveRole: string;
const TABLES = ['reps', ...Object.keys(SHARED)] as const;

/** The error code of a statement that must fail ('' when it succeeded). */
async function failure(c: pg.Client, sql: string, params: unknown[] = []): Promise<string> {
  try {
    await c.query(sql, params);
    return '';
  } catch (err) {
    return (err as { code?: string }).code ?? 'unknown';
  }
}

async function rowsOf(table: string, role: string) {
  return (await admin.query(`SELECT * FROM refer.${table} WHERE rep = $1 ORDER BY ${table === 'reps' ? 'rep' : 'id'}`, [role])).rows;
}

beforeAll(async () => {
  server = await teamServer();
  const setup = spawnSync(process.execPath, [BIN, 'team', 'setup', server.url], { encoding: 'utf8' });
  expect(setup.status, setup.stderr).toBe(0);
  annRole = server.role('ann');
  bobRole = server.role('bob');
  eveRole = server.role('eve');
  await addRep(server, annRole, 'Ann-pw-1');
  await addRep(server, bobRole, 'Bob-pw-2');
  await addOutsider(server, eveRole, 'Eve-pw-3');
  admin = await server.admin();
  ann = await server.connectAs(annRole, 'Ann-pw-1');
  bob = await server.connectAs(bobRole, 'Bob-pw-2');
  eve = await server.connectAs(eveRole, 'Eve-pw-3');
  // Ann's rows, written as Ann (the owner comes from current_user)
  await ann.query(`INSERT INTO refer.reps (name) VALUES ('Ann de Vries')`);
  await ann.query(`INSERT INTO refer.relations (id, name, company, kind) VALUES (1, 'Noor Jansen', 'Kanaal BV', 'client')`);
  await ann.query(`INSERT INTO refer.connections (id, relation_id, name, company) VALUES (1, 1, 'Pieter Smit', 'Dijk & Co')`);
  await ann.query(`INSERT INTO refer.asks (id, relation_id, kind, channel, template, lang, asked_at) VALUES (1, 1, 'referral', 'email', 'warm', 'en', now())`);
  await ann.query(`INSERT INTO refer.referrals (id, ask_id, connection_id, stage, reached, asked_at) VALUES (1, 1, 1, 'asked', 'asked', now())`);
  await bob.query(`INSERT INTO refer.reps (name) VALUES ('Bob Mulder')`);
}, 60_000);

afterAll(async () => {
  for (const c of [ann, bob, eve]) await c?.end().catch(() => {});
  await server?.drop();
}, 60_000);

describe('row-level security on the team database', () => {
  it('stamps every row with its owner: current_user', async () => {
    expect((await rowsOf('relations', annRole)).map((r) => r.rep)).toEqual([annRole]);
    expect((await rowsOf('reps', annRole)).map((r) => r.name)).toEqual(['Ann de Vries']);
  });

  it("lets a member read the team's rows", async () => {
    for (const table of TABLES) {
      const r = await bob.query(`SELECT count(*)::int AS n FROM refer.${table} WHERE rep = $1`, [annRole]);
      expect(r.rows[0].n, table).toBe(1);
    }
  });

  it("refuses another rep's UPDATE and DELETE of every table (nothing matches, nothing changes)", async () => {
    for (const table of TABLES) {
      const before = await rowsOf(table, annRole);
      const upd = await bob.query(`UPDATE refer.${table} SET rep = rep WHERE rep = $1`, [annRole]);
      expect(upd.rowCount, `${table} update`).toBe(0);
      const del = await bob.query(`DELETE FROM refer.${table} WHERE rep = $1`, [annRole]);
      expect(del.rowCount, `${table} delete`).toBe(0);
      // without a WHERE on the owner, too
      await bob.query(table === 'reps' ? `UPDATE refer.reps SET name = 'hacked'` : `UPDATE refer.${table} SET id = id`);
      await bob.query(`DELETE FROM refer.${table} WHERE rep <> current_user`);
      expect(await rowsOf(table, annRole), table).toEqual(before);
    }
    expect((await rowsOf('reps', bobRole))[0].name).toBe('hacked');
  });

  it('refuses a forged owner: an INSERT as another rep, or moving an own row to another rep', async () => {
    expect(await failure(bob, `INSERT INTO refer.relations (rep, id, name, kind) VALUES ($1, 99, 'Fake', 'client')`, [annRole])).toBe('42501');
    expect(await failure(bob, `INSERT INTO refer.reps (rep, name) VALUES ($1, 'Fake')`, [server.role('ghost')])).toBe('42501');
    // an upsert onto another rep's key is refused too
    expect(
      await failure(bob, `INSERT INTO refer.reps (rep, name) VALUES ($1, 'Fake') ON CONFLICT (rep) DO UPDATE SET name = 'Fake'`, [annRole]),
    ).toBe('42501');
    await bob.query(`INSERT INTO refer.relations (id, name, kind) VALUES (7, 'Lotte Bos', 'friend')`);
    expect(await failure(bob, `UPDATE refer.relations SET rep = $1 WHERE id = 7`, [annRole])).toBe('42501');
    // a child row of Bob's cannot hang under Ann's parent either (the key includes the owner)
    expect(await failure(bob, `INSERT INTO refer.connections (id, relation_id, name) VALUES (5, 1, 'x')`)).toBe('23503');
    expect((await rowsOf('relations', bobRole)).map((r) => r.rep)).toEqual([bobRole]);
    expect(await rowsOf('relations', annRole)).toHaveLength(1);
  });

  it('refuses what would get around the policies: TRUNCATE, turning security off, dropping a policy, writing meta', async () => {
    for (const sql of [
      'TRUNCATE refer.relations CASCADE',
      'ALTER TABLE refer.relations DISABLE ROW LEVEL SECURITY',
      'ALTER TABLE refer.relations NO FORCE ROW LEVEL SECURITY',
      'DROP POLICY relations_update ON refer.relations',
      `CREATE POLICY sneaky ON refer.relations FOR ALL USING (true)`,
      `UPDATE refer.meta SET value = '0'`,
      `CREATE TABLE refer.mine (x int)`,
      // with row security off, a query that the policies would filter fails instead
      `SET row_security = off; UPDATE refer.relations SET name = 'x'`,
    ]) {
      const code = await failure(bob, sql);
      expect(code, sql).not.toBe('');
    }
    await bob.query('RESET row_security');
    expect((await admin.query(`SELECT value FROM refer.meta WHERE key = 'schema_version'`)).rows[0].value).not.toBe('0');
    expect(await rowsOf('relations', annRole)).toHaveLength(1);
  });

  it('a role outside refer_member reads nothing, not even with a table privilege granted by mistake', async () => {
    for (const table of [...TABLES, 'meta']) expect(await failure(eve, `SELECT * FROM refer.${table}`), table).toBe('42501');
    expect(await failure(eve, `INSERT INTO refer.reps (name) VALUES ('Eve')`)).toBe('42501');
    await admin.query(`GRANT USAGE ON SCHEMA refer TO ${eveRole}`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA refer TO ${eveRole}`);
    try {
      for (const table of [...TABLES, 'meta']) {
        const r = await eve.query(`SELECT count(*)::int AS n FROM refer.${table}`);
        expect(r.rows[0].n, table).toBe(0);
      }
    } finally {
      await admin.query(`REVOKE ALL ON ALL TABLES IN SCHEMA refer FROM ${eveRole}`);
      await admin.query(`REVOKE USAGE ON SCHEMA refer FROM ${eveRole}`);
    }
  });

  it('a rep taken out of refer_member reads nothing from then on', async () => {
    const role = server.role('gus');
    await addRep(server, role, 'Gus-pw-4');
    const gus = await server.connectAs(role, 'Gus-pw-4');
    try {
      expect((await gus.query(`SELECT count(*)::int AS n FROM refer.relations`)).rows[0].n).toBeGreaterThan(0);
      await admin.query(`REVOKE refer_member FROM ${role}`);
      expect(await failure(gus, `SELECT * FROM refer.relations`)).toBe('42501');
    } finally {
      await gus.end();
    }
  });

  it('every table has row-level security enabled and forced, and its columns are exactly what is shared', async () => {
    const r = await admin.query(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'refer' AND c.relkind = 'r' ORDER BY c.relname`,
    );
    const tables = r.rows.map((x) => x.relname).sort();
    expect(tables).toEqual([...TABLES, 'meta'].sort());
    for (const row of r.rows) {
      expect(row.relrowsecurity, row.relname).toBe(true);
      // meta is written by the owner at setup; the rep-owned tables bind the owner too
      expect(row.relforcerowsecurity, row.relname).toBe(row.relname !== 'meta');
    }
    for (const [table, columns] of Object.entries(SHARED)) {
      const cols = await admin.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'refer' AND table_name = $1`, [table]);
      expect(cols.rows.map((c) => c.column_name).sort(), table).toEqual(['rep', 'id', ...columns].sort());
    }
    // PUBLIC has nothing on the schema or its tables
    const pub = await admin.query(
      `SELECT count(*)::int AS n FROM information_schema.role_table_grants WHERE table_schema = 'refer' AND grantee = 'PUBLIC'`,
    );
    expect(pub.rows[0].n).toBe(0);
  });
});
