// The team bench of issue 14: the last part of `npm run bench` (or `npm run bench -- --only "refer team"`),
// or alone: npm run build && bash scripts/with-postgres.sh npx tsx test/bench/team-stats.ts [--runs N]
// A team database seeded by PostgreSQL itself with 50 reps at the bench's realistic scale each
// (test/bench/team-seed.ts: 1.5 million referrals in all), and one rep's laptop: a demo database
// with the other reps' rows in its team cache (as a pull leaves it). Times, as whole processes of
// the built bin:
//   refer team stats, refer team stats --by template      target ≤ 1 s against the local server
//   refer team who-knows NAME                             target ≤ 1.5 × the database floor
//   the coordination check inside refer ask --dry-run     target ≤ 5 ms more than outside a team
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDb } from '../../src/db/open.js';
import { DEMO_SEED, generateDemo } from '../../src/demo/generate.js';
import { SHARED } from '../../src/team/shared.js';
import { refreshTeamSearch } from '../../src/db/repos/team-coordination.js';
import { baselinesFor, measure, type Case, type Result, userEnv } from './measure.js';
import { PER_REP, REPS, seedSql } from './team-seed.js';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '9' }, reps: { type: 'string', default: String(REPS) }, keep: { type: 'boolean', default: false } } });
const runs = Number(flags.runs);
const reps = Number(flags.reps);
const BIN = fileURLToPath(new URL('../../bin/refer.cjs', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const log = (s: string) => process.stderr.write(s + '\n');
const ms = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

const base = process.env.REFER_TEST_PG;
if (!base) throw new Error('the team bench needs a server: bash scripts/with-postgres.sh npx tsx test/bench/team-stats.ts');

const work = mkdtempSync(join(tmpdir(), 'refer-team-bench-'));
const ROLE = `refer_bench_t3_${process.pid}`;
const PASSWORD = 'bench-password';
// a user's environment (test/bench/measure.ts), with the rep's password as libpq reads it
const env: NodeJS.ProcessEnv = { ...userEnv(work), PGPASSWORD: PASSWORD };
const refer = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`refer ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
};

// ---- the team database ----
const dbName = `refer_bench_t3_${process.pid}`;
const root = new pg.Client(base);
await root.connect();
await root.query(`CREATE DATABASE ${dbName}`);
const owner = new URL(base);
owner.pathname = `/${dbName}`;
const repUrl = new URL(owner.href);
repUrl.username = ROLE;

let su: pg.Client | undefined;
try {
  refer(['--db', join(work, 'owner.db'), 'team', 'setup', owner.href]);
  su = new pg.Client(owner.href);
  await su.connect();
  await su.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}' IN ROLE refer_member`);
  let t0 = performance.now();
  log(`Seeding ${reps} reps × ${PER_REP.referrals.toLocaleString('en')} referrals on the server (generate_series) …`);
  for (const sql of seedSql(reps)) await su.query(sql);
  await su.query('VACUUM ANALYZE');
  const counts = (await su.query(`SELECT (SELECT count(*) FROM refer.relations) AS relations, (SELECT count(*) FROM refer.connections) AS connections,
      (SELECT count(*) FROM refer.asks) AS asks, (SELECT count(*) FROM refer.referrals) AS referrals`)).rows[0] as Record<string, string>;
  log(`  done in ${ms(t0)}: ${Object.entries(counts).map(([k, v]) => `${Number(v).toLocaleString('en')} ${k}`).join(', ')}`);

  // ---- the rep's laptop: a demo database whose team cache holds the other reps' rows ----
  t0 = performance.now();
  const laptop = join(work, 'laptop.db');
  const local = openDb(laptop);
  generateDemo(local, { seed: DEMO_SEED, scale: 100, now: new Date() });
  log(`Filling the laptop's team cache with ${reps - 1} reps' rows …`);
  local.prepare('INSERT INTO team (id, url, rep, name, joined_at, last_pull_at) VALUES (1, ?, ?, ?, ?, ?)').run(repUrl.href, ROLE, 'Bench Rep', new Date().toISOString(), new Date().toISOString());
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  for (const r of (await su.query("SELECT rep::text, name, version FROM refer.reps WHERE rep <> 'rep01'")).rows) {
    local.prepare('INSERT INTO team_reps (rep, name, version) VALUES (?, ?, ?)').run(r.rep, r.name, Number(r.version));
  }
  for (const table of Object.keys(SHARED) as Array<keyof typeof SHARED>) {
    const cols = ['id', ...SHARED[table]];
    const insert = local.prepare(`INSERT INTO team_${table} (rep, ${cols.join(', ')}) VALUES (${['?', ...cols.map(() => '?')].join(', ')})`);
    for (let r = 2; r <= reps; r++) {
      const rep = `rep${String(r).padStart(2, '0')}`;
      const rows = (await su.query({ text: `SELECT ${cols.join(', ')} FROM refer.${table} WHERE rep = $1`, values: [rep], rowMode: 'array' })).rows as unknown[][];
      local.transaction(() => {
        for (const row of rows) insert.run(rep, ...row.map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : iso(v))));
      })();
    }
  }
  // as a pull ends: the search indexes are brought up to date
  const t1 = performance.now();
  refreshTeamSearch(local);
  log(`  search indexes of the cache built in ${ms(t1)}`);
  local.pragma('wal_checkpoint(TRUNCATE)');
  const cached = local.prepare('SELECT (SELECT count(*) FROM team_connections) AS c, (SELECT count(*) FROM team_relations) AS r').get() as { c: number; r: number };
  // the ask: the relation with the most shortlisted connections, asked about five of them
  const rel = local.prepare('SELECT relation_id AS id FROM connections GROUP BY relation_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
  const to = (local.prepare('SELECT id FROM connections WHERE relation_id = ? ORDER BY id LIMIT 5').pluck().all(rel) as number[]).map(String);
  // a name as common as names get in the cache: the worst case of who-knows
  const name = local.prepare('SELECT name FROM team_connections GROUP BY name ORDER BY count(*) DESC, name LIMIT 1').pluck().get() as string;
  const matches = local.prepare('SELECT count(*) FROM team_connections WHERE name = ?').pluck().get(name) as number;
  local.close();
  log(`  done in ${ms(t0)}: ${cached.c.toLocaleString('en')} connections and ${cached.r.toLocaleString('en')} relations cached; "${name}" is ${matches} of them`);
  // the same laptop outside a team, for the cost of the coordination check
  const solo = join(work, 'solo.db');
  copyFileSync(laptop, solo);
  const s = new Database(solo);
  s.prepare('DELETE FROM team').run();
  s.pragma('wal_checkpoint(TRUNCATE)');
  s.close();

  const ask = ['ask', String(rel), '--to', ...to, '--dry-run', '--no-input'];
  const cases: Array<Case & { key: string; runs: number }> = [
    { key: 'stats', name: 'refer team stats', args: ['--db', laptop, 'team', 'stats'], against: 'database', runs },
    { key: 'statsTemplate', name: 'refer team stats --by template', args: ['--db', laptop, 'team', 'stats', '--by', 'template'], against: 'database', runs },
    { key: 'statsRep', name: 'refer team stats --by rep', args: ['--db', laptop, 'team', 'stats', '--by', 'rep'], against: 'database', runs },
    { key: 'whoKnows', name: `refer team who-knows "${name}"`, args: ['--db', laptop, 'team', 'who-knows', name], against: 'database', runs: 15 },
    { key: 'askTeam', name: `refer ask … --dry-run, in a team (${to.length} referees)`, args: ['--db', laptop, ...ask], against: 'database', runs: 15 },
    { key: 'askSolo', name: 'refer ask … --dry-run, the same database outside a team', args: ['--db', solo, ...ask], against: 'database', runs: 15 },
  ];
  log(`Timing ${cases.length} commands, each run paired with \`node -e 0\` …`);
  const results: Record<string, Result> = {};
  for (const c of cases) {
    results[c.key] = measure(BIN, c, baselinesFor(laptop), env, { runs: c.runs, warmup: 2, rssRuns: 1 });
    log(`  ${c.name}: ${results[c.key]!.medianMs.toFixed(0)} ms`);
  }

  // the statement alone, as the server runs it (no process, no connection)
  const withPassword = new URL(repUrl.href);
  withPassword.password = PASSWORD;
  const rep = new pg.Client(withPassword.href);
  await rep.connect();
  const { teamStatsSql } = await import('../../src/team/stats.js');
  const serverMs: Record<string, number> = {};
  for (const by of [undefined, 'template'] as const) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await rep.query("BEGIN READ ONLY; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'");
      const t = performance.now();
      await rep.query(teamStatsSql(by), [null, null, 'UTC']);
      times.push(performance.now() - t);
      await rep.query('COMMIT');
    }
    serverMs[by ?? 'total'] = times.sort((a, b) => a - b)[2]!;
  }
  await rep.end();

  const floor = results.whoKnows!.baselineMs.database;
  const verdicts = [
    { name: 'refer team stats', value: `${results.stats!.medianMs.toFixed(0)} ms (the statement: ${serverMs.total!.toFixed(0)} ms)`, target: '≤ 1000 ms', met: results.stats!.medianMs <= 1000 },
    { name: 'refer team stats --by template', value: `${results.statsTemplate!.medianMs.toFixed(0)} ms (the statement: ${serverMs.template!.toFixed(0)} ms)`, target: '≤ 1000 ms', met: results.statsTemplate!.medianMs <= 1000 },
    { name: 'refer team stats --by rep', value: `${results.statsRep!.medianMs.toFixed(0)} ms`, target: '', met: null },
    { name: `refer team who-knows (${matches} matches)`, value: `${results.whoKnows!.medianMs.toFixed(0)} ms = ${(results.whoKnows!.medianMs / floor).toFixed(2)} × the floor (${floor.toFixed(0)} ms)`, target: '≤ 1.5 ×', met: results.whoKnows!.medianMs <= 1.5 * floor },
    {
      name: 'coordination check in refer ask --dry-run',
      value: `${(results.askTeam!.medianMs - results.askSolo!.medianMs).toFixed(1)} ms (${results.askTeam!.medianMs.toFixed(0)} against ${results.askSolo!.medianMs.toFixed(0)} ms)`,
      target: '≤ 5 ms',
      met: results.askTeam!.medianMs - results.askSolo!.medianMs <= 5,
    },
  ];
  const w = Math.max(...verdicts.map((v) => v.name.length));
  const vw = Math.max(...verdicts.map((v) => v.value.length));
  process.stdout.write(verdicts.map((v) => `${v.name.padEnd(w)}  ${v.value.padEnd(vw)}  ${v.target.padEnd(9)}  ${v.met === null ? '' : v.met ? 'ok' : 'MISSED'}`.trimEnd()).join('\n') + '\n');
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const server = (await su.query('SHOW server_version')).rows[0].server_version as string;
  mkdirSync(RESULTS, { recursive: true });
  const out = join(RESULTS, 'team-stats.json');
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, server, reps, counts, cached, results, serverMs, verdicts }, null, 2) + '\n');
  log(`\n${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${server}. Figures written to ${out}`);
} finally {
  await su?.end().catch(() => {});
  await root.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await root.query(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => {});
  await root.end();
  if (flags.keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
