// A real PostgreSQL server for the team tests: scripts/with-postgres.sh (run by `npm test` and
// `npm run test:team`) starts a throwaway cluster and passes its superuser URL in REFER_TEST_PG.
// Without it the team tests FAIL: they are never skipped.
//
// Each test file gets a fresh database (teamServer) and its own login roles (addRep). Roles belong
// to the whole cluster, so their names carry the database's suffix (server.role('ann')).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { refer, type BinResult } from './bin.js';

export interface TeamServer {
  /** the owner's URL of the fresh database (the superuser: trusted, no password) */
  url: string;
  /** the database's name */
  db: string;
  host: string;
  port: number;
  /** a cluster-wide role name unique to this database: `${base}_${suffix}` */
  role(base: string): string;
  /** a superuser connection to this database, for raw SQL (closed by drop) */
  admin(): Promise<pg.Client>;
  /** a connection to this database as a rep, with its password (close it yourself) */
  connectAs(role: string, password: string): Promise<pg.Client>;
  /** `$REFER_TEST_PG_CTL stop|start`: only for a test that starts it again in `finally` */
  ctl: string | undefined;
  /** cuts every connection to this database (pg_terminate_backend), not the server */
  terminate(): Promise<void>;
  /** drops the database and the roles made for it; never throws, never hangs */
  drop(): Promise<void>;
}

export function testPgUrl(): URL {
  const raw = process.env.REFER_TEST_PG;
  if (!raw) {
    throw new Error(
      'REFER_TEST_PG is not set: the team tests need a PostgreSQL server; run them with `npm test` or `npm run test:team` (scripts/with-postgres.sh)',
    );
  }
  return new URL(raw);
}

async function superuser(database: string): Promise<pg.Client> {
  const u = testPgUrl();
  u.pathname = '/' + database;
  const client = new pg.Client({ connectionString: u.href, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  return client;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([p, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);
}

/** A fresh database on the test server; the test runs `refer team setup` on it itself. */
export async function teamServer(): Promise<TeamServer> {
  const base = testPgUrl();
  const suffix = Math.random().toString(36).slice(2, 8);
  const db = `refer_t_${suffix}`;
  const roles = new Set<string>();
  const root = await superuser(base.pathname.slice(1) || 'postgres');
  try {
    await root.query(`CREATE DATABASE ${db}`);
  } finally {
    await root.end();
  }
  const url = new URL(base.href);
  url.pathname = '/' + db;
  const admins: pg.Client[] = [];
  const server: TeamServer = {
    url: url.href,
    db,
    host: url.hostname,
    port: Number(url.port || 5432),
    role(name) {
      const role = `${name}_${suffix}`;
      roles.add(role);
      return role;
    },
    async admin() {
      const c = await superuser(db);
      admins.push(c);
      return c;
    },
    async connectAs(role, password) {
      const u = new URL(url.href);
      u.username = role;
      u.password = encodeURIComponent(password);
      const c = new pg.Client({ connectionString: u.href, connectionTimeoutMillis: 10_000 });
      c.on('error', () => {});
      await c.connect();
      return c;
    },
    ctl: process.env.REFER_TEST_PG_CTL,
    async terminate() {
      const c = await superuser(base.pathname.slice(1) || 'postgres');
      try {
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db]);
      } finally {
        await c.end();
      }
    },
    async drop() {
      await withTimeout(
        (async () => {
          for (const c of admins.splice(0)) await c.end().catch(() => {});
          const c = await superuser(base.pathname.slice(1) || 'postgres');
          try {
            await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
            for (const role of roles) await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(role)}`).catch(() => {});
          } finally {
            await c.end();
          }
        })().catch(() => undefined),
        15_000,
      );
    },
  };
  return server;
}

/**
 * A rep's login role, member of refer_member (run `refer team setup` first: it creates the group).
 * `role` should come from server.role(...). Returns the rep's URL without the password.
 */
export async function addRep(server: TeamServer, role: string, password: string): Promise<string> {
  const c = await superuser(server.db);
  try {
    await c.query(`CREATE ROLE ${c.escapeIdentifier(role)} LOGIN PASSWORD ${c.escapeLiteral(password)} IN ROLE refer_member`);
  } finally {
    await c.end();
  }
  const u = new URL(server.url);
  u.username = role;
  return u.href;
}

/** A login role outside refer_member (to show it reads nothing). */
export async function addOutsider(server: TeamServer, role: string, password: string): Promise<string> {
  const c = await superuser(server.db);
  try {
    await c.query(`CREATE ROLE ${c.escapeIdentifier(role)} LOGIN PASSWORD ${c.escapeLiteral(password)}`);
  } finally {
    await c.end();
  }
  const u = new URL(server.url);
  u.username = role;
  return u.href;
}

export interface RepSandbox {
  dir: string;
  /** the rep's local database */
  db: string;
  env: Record<string, string | undefined>;
  /** runs the built bin as this rep (own HOME, REFER_DB, PGPASSWORD) */
  refer(args: string[], opts?: { env?: Record<string, string | undefined>; input?: string }): BinResult;
  /** writes ~/.pgpass (mode 0600) with this line */
  pgpass(line: string): void;
  cleanup(): void;
}

/** A rep's own laptop: a temp HOME with its database; the password in PGPASSWORD unless null. */
export function repSandbox(password: string | null): RepSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'refer-rep-'));
  const db = join(dir, 'data', 'refer.db');
  const env: Record<string, string | undefined> = {
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'data-home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    REFER_DB: db,
    NO_COLOR: '1',
    TZ: process.env.TZ,
    PATH: process.env.PATH,
    ...(password === null ? {} : { PGPASSWORD: password }),
  };
  return {
    dir,
    db,
    env,
    refer(args, opts = {}) {
      return refer(args, { ...env, ...opts.env }, opts.input);
    },
    pgpass(line) {
      writeFileSync(join(dir, '.pgpass'), line + '\n', { mode: 0o600 });
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
