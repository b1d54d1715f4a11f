// STAND-IN until team1 merges (T1 owns this file): a fresh database per test file on the
// throwaway server of scripts/with-postgres.sh, and reps as login roles in refer_member.
import pg from 'pg';

export interface TeamServer {
  /** the owner's URL of a fresh database */
  url: string;
  db: string;
  drop(): Promise<void>;
}

let n = 0;
export async function teamServer(): Promise<TeamServer> {
  const base = process.env.REFER_TEST_PG;
  if (!base) throw new Error('no REFER_TEST_PG: run the team tests with scripts/with-postgres.sh (npm test, npm run test:team)');
  const db = `refer_test_${process.pid}_${++n}`;
  const admin = new pg.Client(base);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${db}`;
  return {
    url: u.href,
    db,
    async drop() {
      const c = new pg.Client(base);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function addRep(server: TeamServer, role: string, password: string): Promise<string> {
  const c = new pg.Client(server.url);
  await c.connect();
  await c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password.replace(/'/g, "''")}' IN ROLE refer_member`);
  await c.end();
  const u = new URL(server.url);
  u.username = role;
  return u.href;
}
