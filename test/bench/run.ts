// `npm run bench`: how fast the everyday commands of the built bin start and finish, on a power
// user's database (realistic) and on one ten times larger (stress), as the user's laptop sees it.
// Every process (the commands and the baselines) runs with a user's environment only: PATH, HOME,
// XDG_*, LANG and TZ, nothing else (no NODE_OPTIONS, NODE_EXTRA_CA_CERTS, npm_*). Each command is
// timed against three baselines run in the same loop: `node -e 0`, the commander floor
// (floor-commander.cjs) and the database floor (floor-db.cjs). Prints a table, how each command
// grows from realistic to stress, and writes the figures to test/bench/results/latest.json.
//   npm run bench -- --runs 30          more runs (default 15, after 2 warm-up runs)
//   npm run bench -- --only "relation"  only the commands whose name contains this text
//   npm run bench -- --scale realistic  one scale only
//   npm run bench -- --bin /tmp/other/bin/refer.cjs   time another build (e.g. a bundling variant)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { type BenchDb, benchDb, connectionsCsv, CSV_ROWS, type ScaleName } from './fixtures.js';
import { type Baseline, baselinesFor, type Case, measure, type Result, userEnv } from './measure.js';
import { type TeamBench, teamBench } from './team.js';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, only: { type: 'string' }, bin: { type: 'string' }, scale: { type: 'string' } },
});
const BIN = flags.bin ?? fileURLToPath(new URL('../../bin/refer.cjs', import.meta.url));
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 15) throw new Error(`--runs must be a whole number of 15 or more, got ${flags.runs}`);
const scales: ScaleName[] = flags.scale === undefined ? ['realistic', 'stress'] : [flags.scale as ScaleName];
if (!scales.every((s) => s === 'realistic' || s === 'stress')) throw new Error(`--scale must be realistic or stress, got ${flags.scale}`);

const log = (s: string) => process.stderr.write(s + '\n');
const work = mkdtempSync(join(tmpdir(), 'refer-bench-'));

/** The scale's database copied to where refer looks by default ($XDG_DATA_HOME/refer/refer.db). */
function home(name: string, db?: BenchDb): { env: NodeJS.ProcessEnv; dbPath: string } {
  const dir = join(work, name);
  const env = userEnv(dir);
  const dbPath = join(env.XDG_DATA_HOME!, 'refer', 'refer.db');
  mkdirSync(join(env.XDG_DATA_HOME!, 'refer'), { recursive: true, mode: 0o700 });
  if (db) copyFileSync(db.path, dbPath);
  return { env, dbPath };
}

function refer(env: NodeJS.ProcessEnv, args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`refer ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

interface Group {
  title: string;
  scale: ScaleName | null;
  env: NodeJS.ProcessEnv;
  baselines: Baseline[];
  cases: Case[];
}

const T = {
  realistic: { fast: 1.25, list: 1.5 },
  stress: { fast: 1.5 },
};

function scaleGroup(scale: ScaleName): { group: Group; db: BenchDb } {
  const db = benchDb(scale, log);
  const { env, dbPath } = home(scale, db);
  // The relation with the biggest network: the heaviest `connection list` and `ask`.
  const probe = new Database(dbPath, { readonly: true });
  const rel = probe.prepare('SELECT relation_id AS id, count(*) AS n FROM connections GROUP BY relation_id ORDER BY n DESC LIMIT 1').get() as { id: number; n: number };
  const to = (probe.prepare('SELECT id FROM connections WHERE relation_id = ? ORDER BY id LIMIT 5').all(rel.id) as Array<{ id: number }>).map((c) => String(c.id));
  const due = (probe.prepare("SELECT count(*) FROM followups WHERE done_at IS NULL AND due_at <= ?").pluck().get(new Date().toISOString()) as number);
  probe.close();
  const fast = scale === 'realistic' ? T.realistic.fast : T.stress.fast;
  const list = scale === 'realistic' ? T.realistic.list : undefined;
  const report = scale === 'realistic' ? fast : undefined;
  const cases: Case[] = [
    { name: 'refer', args: [], against: 'database', ...(scale === 'realistic' ? { target: fast } : {}) },
    { name: 'refer today', args: ['today'], against: 'database', target: fast },
    { name: `refer followup (${due} due)`, args: ['followup'], against: 'database', ...(report ? { target: report } : {}) },
    { name: 'refer followup --check >/dev/null', args: ['followup', '--check'], against: 'database', target: fast, okStatus: [0, 3], discardStdout: true },
    { name: `refer connection list REL --fit --limit 10 (${rel.n.toLocaleString('en')} network)`, args: ['connection', 'list', String(rel.id), '--fit', '--limit', '10'], against: 'database', target: fast },
    { name: 'refer ask REL --to (5) --dry-run --no-input', args: ['ask', String(rel.id), '--to', ...to, '--dry-run', '--no-input'], against: 'database', target: fast },
    { name: 'refer stats', args: ['stats'], against: 'database', ...(report ? { target: report } : {}) },
    { name: `refer relation list (${(db.counts.relations ?? 0).toLocaleString('en')})`, args: ['relation', 'list'], against: 'database', ...(list ? { target: list } : {}) },
    { name: 'refer stats --by template', args: ['stats', '--by', 'template'], against: 'database', ...(list ? { target: list } : {}) },
  ];
  // The completion entry answers every TAB: relation names, then the relation's connections.
  cases.push(
    { name: 'refer __complete ask S (relation names)', args: ['__complete', 'ask', 'S'], against: 'database', ...(report ? { target: report } : {}) },
    { name: 'refer __complete ask REL --to (connections)', args: ['__complete', 'ask', String(rel.id), '--to', ''], against: 'database', ...(report ? { target: report } : {}) },
  );
  if (scale === 'stress') {
    // `icp set` re-scores every stored fit: each run sets the other of two ICPs, so every run re-scores.
    let flip = 0;
    cases.push({
      name: `refer icp set (re-scores ${(db.counts.connections ?? 0).toLocaleString('en')} connections)`,
      args: [],
      argsAt: () => ['icp', 'set', '--min-size', String(++flip % 2 ? 20 : 10)],
      against: 'node',
      maxMs: 3000,
      runs: 5,
      warmup: 1,
    });
  }
  return { group: { title: `${scale}: ${Object.entries(db.counts).map(([t, n]) => `${n.toLocaleString('en')} ${t}`).join(', ')}`, scale, env, baselines: baselinesFor(dbPath), cases }, db };
}

const groups: Group[] = [];
const dbs: BenchDb[] = [];
for (const scale of scales) {
  const { group, db } = scaleGroup(scale);
  groups.push(group);
  dbs.push(db);
}

let team: TeamBench | undefined;

// Start-up and the import, with no scale: the import goes into an empty database with one
// relation, fresh before every run.
{
  const csv = connectionsCsv();
  const { env, dbPath } = home('empty');
  refer(env, ['relation', 'add', 'Bench Relation', '--kind', 'client']);
  const empty = `${dbPath}.empty`;
  copyFileSync(dbPath, empty);
  const fresh = () => {
    for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    copyFileSync(empty, dbPath);
  };
  groups.unshift({
    title: 'start-up and import (an empty database)',
    scale: null,
    env,
    baselines: baselinesFor(dbPath),
    cases: [
      { name: 'refer --help', args: ['--help'], against: 'commander', target: 1.15 },
      { name: 'refer --version', args: ['--version'], against: 'commander' },
      {
        name: `refer connection import (${CSV_ROWS.toLocaleString('en')} rows, empty db)`,
        args: ['connection', 'import', '1', csv],
        against: 'node',
        target: 8,
        maxRssMiB: 150,
        prepare: fresh,
      },
    ],
  });
  // `refer team sync` against the throwaway server of scripts/with-postgres.sh (test/bench/team.ts)
  if (flags.only === undefined || 'refer team sync'.includes(flags.only)) {
    team = await teamBench(BIN, work, env, csv, log);
    groups.push({ title: 'team sync (a local PostgreSQL server)', scale: null, env: { ...env, ...team.env }, baselines: baselinesFor(team.dbPath), cases: team.cases });
  }
}

for (const g of groups) g.cases = g.cases.filter((c) => flags.only === undefined || c.name.includes(flags.only));
const total = groups.reduce((n, g) => n + g.cases.length, 0);
log(`Timing ${total} commands, ${runs} runs each after 2 warm-up runs, each run paired with \`node -e 0\`, the commander floor and the database floor …`);

type Row = (Result | { name: string; error: string }) & { group: string; scale: ScaleName | null };
const results: Row[] = [];
for (const g of groups) {
  if (g.cases.length === 0) continue;
  log(`${g.title}`);
  for (const c of g.cases) {
    try {
      const r = measure(BIN, c, g.baselines, g.env, { runs: c.runs ?? runs, warmup: c.warmup ?? 2, rssRuns: c.runs ? 3 : 5 });
      results.push({ ...r, group: g.title, scale: g.scale });
      log(`  ${c.name}: ${r.medianMs.toFixed(1)} ms, ${r.ratio.toFixed(2)}× ${r.against}`);
    } catch (err) {
      const message = (err as Error).message;
      results.push({ name: c.name, error: message.split('\n')[0]!.slice(0, 100), group: g.title, scale: g.scale });
      log(`  ${c.name}: failed: ${message}`);
    }
  }
}
team?.judge(results);
await team?.cleanup();
rmSync(work, { recursive: true, force: true });

const BASE_LABEL = { node: 'node -e 0', commander: 'commander floor', database: 'database floor' } as const;
/** A plain-text table; a line of one cell (a heading) is printed as it is. */
function table(header: string[], lines: string[][], right: Set<number>): string {
  const cells = lines.filter((l) => l.length > 1);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells.length === 1 ? cells[0]! : cells.map((s, i) => (right.has(i) ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join('  ').trimEnd();
  return [row(header), ...lines.map(row)].join('\n');
}

const out: string[] = [];
let lastGroup = '';
const header = ['command', 'median', 'vs', 'ratio', 'spread', '× node -e 0', 'CPU ratio', 'peak RSS', 'target', ''];
const lines: string[][] = [];
for (const r of results) {
  if (r.group !== lastGroup) {
    lines.push([`— ${r.group}`]);
    lastGroup = r.group;
  }
  if ('error' in r) {
    lines.push([r.name, '', '', '', '', '', '', '', '', `error: ${r.error}`]);
    continue;
  }
  const target = r.maxMs !== null ? `≤ ${r.maxMs} ms` : r.target === null ? '' : `≤ ${r.target}×${r.maxRssMiB === null ? '' : `, ≤ ${r.maxRssMiB} MiB`}`;
  lines.push([
    r.name,
    `${r.medianMs.toFixed(1)} ms`,
    BASE_LABEL[r.against],
    `${r.ratio.toFixed(2)}×`,
    `${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)}`,
    `${r.ratioNode.toFixed(2)}×`,
    `${r.cpuRatio.toFixed(2)}×`,
    `${r.peakRssMiB.toFixed(0)} MiB`,
    target,
    r.met === null ? '' : r.met ? 'ok' : 'MISSED',
  ]);
}
out.push(table(header, lines, new Set([1, 3, 4, 5, 6, 7])));

// Baselines, per group (the medians over every case of the group).
const baseLines: string[][] = [];
for (const g of groups) {
  const rs = results.filter((r): r is Result & Row => r.group === g.title && !('error' in r));
  if (rs.length === 0) continue;
  const med = (k: keyof Result['baselineMs']) => rs.map((r) => r.baselineMs[k]).sort((a, b) => a - b)[Math.floor(rs.length / 2)]!;
  baseLines.push([g.scale ?? 'no scale', `${med('node').toFixed(1)} ms`, `${med('commander').toFixed(1)} ms`, `${med('database').toFixed(1)} ms`]);
}
out.push('', table(['baselines', 'node -e 0', 'commander floor', 'database floor'], baseLines, new Set([1, 2, 3])));

// Growth from realistic to stress: the output should grow with what is shown, not with the database.
const key = (name: string) => name.replace(/ \(.*\)$/, '');
const realistic = results.filter((r): r is Result & Row => r.scale === 'realistic' && !('error' in r));
const stress = results.filter((r): r is Result & Row => r.scale === 'stress' && !('error' in r));
const growth = realistic.flatMap((a) => {
  const b = stress.find((s) => key(s.name) === key(a.name));
  return b ? [{ command: key(a.name), realisticMs: a.medianMs, stressMs: b.medianMs, growth: b.medianMs / a.medianMs }] : [];
});
if (growth.length > 0) {
  out.push(
    '',
    table(
      ['realistic → stress', 'realistic', 'stress', 'growth'],
      growth.map((g) => [g.command, `${g.realisticMs.toFixed(1)} ms`, `${g.stressMs.toFixed(1)} ms`, `${g.growth.toFixed(2)}×`]),
      new Set([1, 2, 3]),
    ),
  );
}
process.stdout.write(out.join('\n') + '\n');

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
const environment = Object.keys(userEnv('/home')).sort();
mkdirSync(RESULTS, { recursive: true });
const file = join(RESULTS, 'latest.json');
writeFileSync(
  file,
  JSON.stringify({ date: new Date().toISOString(), machine, environment, runs, databases: dbs.map((d) => ({ scale: d.scale, version: d.version, generatedAt: d.generatedAt, counts: d.counts })), results, growth }, null, 2) + '\n',
);
log(`\n${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}; environment: ${environment.join(', ')}. Figures written to ${file}`);
if (results.some((r) => 'error' in r)) process.exitCode = 1;

// The team's funnel and who-knows on a 50-rep team database (test/bench/team-stats.ts): a seeding of
// its own, so only when asked for, or with the rest (no --only, no --scale).
const TEAM_STATS = ['refer team stats', 'refer team who-knows'];
if (flags.only === undefined ? flags.scale === undefined : TEAM_STATS.some((n) => n.includes(flags.only!))) {
  log('\nThe team bench (test/bench/team-stats.ts) …');
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./team-stats.ts', import.meta.url)), '--runs', String(Math.min(runs, 9))], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
