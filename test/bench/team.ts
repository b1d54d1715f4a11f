// The team cases of `npm run bench`, against the throwaway PostgreSQL server of
// scripts/with-postgres.sh (REFER_TEST_PG): `refer team sync` of a fresh 30,000-connection
// import (target ≤ 3 s and ≤ 150 MiB), and an idle sync, nothing to push or pull (target: at
// most twice the database floor plus one server round trip).
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Case, Result } from './measure.js';

const PG_MODULE = fileURLToPath(new URL('../../node_modules/pg/lib/index.js', import.meta.url));
export const SYNC_ROWS = 30_000;
const ROLE = 'refer_bench_rep';
const MATE = 'refer_bench_mate';
const PASSWORD = 'bench-password';

export interface TeamBench {
  /** the rep's database, for the database floor */
  dbPath: string;
  cases: Case[];
  /** what the commands' environment needs besides (the rep's password, as libpq reads it) */
  env: NodeJS.ProcessEnv;
  /** the idle sync's target from the measured floor and round trip */
  judge(results: Array<Result | { name: string; error: string }>): void;
  cleanup(): Promise<void>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Sets up a team database with one rep whose local database holds a fresh 30,000-row import. */
export async function teamBench(bin: string, work: string, env: NodeJS.ProcessEnv, csv: string, log: (s: string) => void): Promise<TeamBench> {
  const base = process.env.REFER_TEST_PG;
  if (!base) throw new Error('the team bench needs a server: run it through scripts/with-postgres.sh (npm run bench does)');
  const dbName = `refer_bench_${process.pid}`;
  const admin = new pg.Client(base);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const owner = new URL(base);
  owner.pathname = `/${dbName}`;
  const rep = new URL(owner.href);
  rep.username = ROLE;

  const teamEnv: NodeJS.ProcessEnv = { ...env, PGPASSWORD: PASSWORD };
  const refer = (args: string[], db: string) => {
    const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { env: teamEnv, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`refer ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
    return r.stdout;
  };
  refer(['team', 'setup', owner.href], join(work, 'owner.db'));
  const su = new pg.Client(owner.href);
  await su.connect();
  await su.query(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => {});
  await su.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}' IN ROLE refer_member`);
  await su.query(`DROP ROLE IF EXISTS ${MATE}`).catch(() => {});
  await su.query(`CREATE ROLE ${MATE} LOGIN PASSWORD '${PASSWORD}' IN ROLE refer_member`);

  // the rep's database: joined, one relation synced, then a fresh import of 30,000 connections
  const template = join(work, 'team-import.template.db');
  refer(['relation', 'add', 'Bench Ambassador', '--kind', 'client'], template);
  refer(['team', 'join', rep.href, '--name', 'Bench Rep'], template);
  refer(['connection', 'import', '1', csv], template);
  const settle = (path: string) => {
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const n = db.prepare('SELECT count(*) FROM team_outbox').pluck().get() as number;
    db.close();
    return n;
  };
  log(`Team bench: ${settle(template).toLocaleString('en')} changes waiting to sync in ${template}`);

  const pushDb = join(work, 'team-push.db');
  // before each timed push: the fresh import again, and the server without its connections
  const resetServer = join(work, 'team-reset.mjs');
  writeFileSync(
    resetServer,
    `import pg from ${JSON.stringify(PG_MODULE)};\nconst c = new pg.Client(process.argv[2]); await c.connect();\n` +
      `await c.query("DELETE FROM refer.connections WHERE rep = '${ROLE}'"); await c.query("UPDATE refer.reps SET version = version + 1 WHERE rep = '${ROLE}'"); await c.end();\n`,
  );
  const freshPush = () => {
    for (const suffix of ['-wal', '-shm']) rmSync(pushDb + suffix, { force: true });
    copyFileSync(template, pushDb);
    const r = spawnSync(process.execPath, [resetServer, owner.href], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`resetting the bench server: ${r.stderr}`);
  };

  // the idle sync: the same database once everything is sent
  const idleDb = join(work, 'team-idle.db');
  copyFileSync(template, idleDb);
  refer(['team', 'sync'], idleDb);
  settle(idleDb);

  // a teammate's first pull of those 30,000 rows: joined, then the cache emptied before each run
  const mate = new URL(rep.href);
  mate.username = MATE;
  const pullTemplate = join(work, 'team-pull.template.db');
  refer(['team', 'join', mate.href, '--name', 'Bench Mate'], pullTemplate);
  const emptyCache = new Database(pullTemplate);
  emptyCache.exec('DELETE FROM team_referrals; DELETE FROM team_asks; DELETE FROM team_connections; DELETE FROM team_relations; DELETE FROM team_reps;');
  emptyCache.close();
  settle(pullTemplate);
  const pullDb = join(work, 'team-pull.db');
  const freshPull = () => {
    for (const suffix of ['-wal', '-shm']) rmSync(pullDb + suffix, { force: true });
    copyFileSync(pullTemplate, pullDb);
  };

  // one server round trip, as the rep sees it
  const withPassword = new URL(rep.href);
  withPassword.password = PASSWORD;
  const client = new pg.Client(withPassword.href);
  await client.connect();
  const trips: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = process.hrtime.bigint();
    await client.query('SELECT 1');
    trips.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  await client.end();
  const rttMs = median(trips);

  const pushName = `refer team sync (${SYNC_ROWS.toLocaleString('en')} new rows)`;
  const idleName = 'refer team sync, nothing to send or receive';
  const pullName = `refer team sync (${SYNC_ROWS.toLocaleString('en')} teammate rows to receive)`;
  return {
    dbPath: idleDb,
    cases: [
      { name: pushName, args: ['--db', pushDb, 'team', 'sync'], against: 'node', maxMs: 3000, maxRssMiB: 150, prepare: freshPush },
      { name: pullName, args: ['--db', pullDb, 'team', 'sync'], against: 'database', prepare: freshPull },
      // judge() sets the target: twice the database floor plus one server round trip
      { name: idleName, args: ['--db', idleDb, 'team', 'sync'], against: 'database' },
    ],
    env: { PGPASSWORD: PASSWORD },
    judge(results) {
      const idle = results.find((r): r is Result => r.name === idleName && !('error' in r));
      if (idle) {
        const floor = idle.baselineMs.database;
        idle.target = Math.round(((2 * floor + rttMs) / floor) * 100) / 100;
        idle.met = idle.ratio <= idle.target;
      }
      log(`Team bench: one server round trip ${rttMs.toFixed(2)} ms; the idle sync's target is 2 × the database floor plus that.`);
    },
    async cleanup() {
      await su.end();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => {});
      await admin.query(`DROP ROLE IF EXISTS ${MATE}`).catch(() => {});
      await admin.end();
    },
  };
}
