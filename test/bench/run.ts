// `npm run bench`: how fast the everyday commands of the built bin start and finish on a large
// database, as a ratio to Node's own start-up (`node -e 0`), with peak memory. Prints a table and
// writes the same figures to test/bench/results/latest.json for comparison across commits.
//   npm run bench -- --runs 30          more runs (default 15, after 2 warm-up runs)
//   npm run bench -- --only "relation"  only the commands whose name contains this text
//   npm run bench -- --bin /tmp/other/bin/refer.cjs   time another build (e.g. a bundling variant)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { connectionsCsv, CSV_ROWS, largeDb } from './fixtures.js';
import { type Case, measure, type Result } from './measure.js';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, only: { type: 'string' }, bin: { type: 'string' } },
});
const BIN = flags.bin ?? fileURLToPath(new URL('../../bin/refer.cjs', import.meta.url));
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 15) throw new Error(`--runs must be a whole number of 15 or more, got ${flags.runs}`);

const log = (s: string) => process.stderr.write(s + '\n');
const large = largeDb(log);
const csv = connectionsCsv();

// Work on copies: the commands may write (WAL files, a migration), and the cache must stay as made.
const work = mkdtempSync(join(tmpdir(), 'refer-bench-'));
// The caller's environment, for the commands and `node -e 0` alike: what Node does at start-up
// on this machine (NODE_OPTIONS, NODE_EXTRA_CA_CERTS …) is part of the floor both sides share.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  HOME: work,
  XDG_DATA_HOME: join(work, 'data'),
  XDG_CONFIG_HOME: join(work, 'config'),
  REFER_DB: join(work, 'large.db'),
};
copyFileSync(large.path, env.REFER_DB!);

function refer(args: string[], db = env.REFER_DB!): string {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`refer ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

// The relation with the most connections: the heaviest `connection list` and `ask`.
const probe = new Database(env.REFER_DB, { readonly: true });
const rel = probe.prepare('SELECT relation_id AS id, count(*) AS n FROM connections GROUP BY relation_id ORDER BY n DESC LIMIT 1').get() as { id: number; n: number };
const to = (probe.prepare('SELECT id FROM connections WHERE relation_id = ? ORDER BY id LIMIT 5').all(rel.id) as Array<{ id: number }>).map((c) => String(c.id));
probe.close();

// The import goes into an empty database with one relation, fresh before every run.
const emptyDb = join(work, 'empty.db');
refer(['relation', 'add', 'Bench Relation', '--kind', 'client'], emptyDb);
const importDb = join(work, 'import.db');
const freshImportDb = () => {
  for (const suffix of ['-wal', '-shm']) rmSync(importDb + suffix, { force: true });
  copyFileSync(emptyDb, importDb);
};

const cases: Case[] = [
  // The floors the commands stand on: refer's code without a database, then with one opened.
  { name: 'floor: refer --version', args: ['--version'] },
  { name: 'floor: refer followup, empty database', args: ['--db', emptyDb, 'followup'] },
  { name: 'refer --help', args: ['--help'], target: 1.3 },
  // The completion entry answers every TAB: within the database floor (about 1.45×) × 1.25.
  { name: 'refer __complete ask S (relation names)', args: ['__complete', 'ask', 'S'], target: 1.8 },
  { name: `refer __complete ask ${rel.id} --to (connections)`, args: ['__complete', 'ask', String(rel.id), '--to', ''], target: 1.8 },
  { name: 'refer followup', args: ['followup'], target: 1.5 },
  { name: 'refer today', args: ['today'], target: 1.5 },
  { name: 'refer relation list', args: ['relation', 'list'], target: 1.5 },
  { name: `refer connection list ${rel.id} --fit --limit 10`, args: ['connection', 'list', String(rel.id), '--fit', '--limit', '10'], target: 1.5 },
  { name: 'refer stats', args: ['stats'], target: 2 },
  { name: 'refer stats --by template', args: ['stats', '--by', 'template'], target: 2 },
  { name: `refer ask ${rel.id} --to ${to.join(' ')} --dry-run --no-input`, args: ['ask', String(rel.id), '--to', ...to, '--dry-run', '--no-input'], target: 2 },
  {
    name: `refer connection import (${CSV_ROWS.toLocaleString('en')} rows, empty db)`,
    args: ['--db', importDb, 'connection', 'import', '1', csv],
    target: 4,
    maxRssMiB: 150,
    prepare: freshImportDb,
  },
].filter((c) => flags.only === undefined || c.name.includes(flags.only));

log(`Database: ${Object.entries(large.counts).map(([t, n]) => `${n.toLocaleString('en')} ${t}`).join(', ')} (generated ${large.generatedAt.slice(0, 10)})`);
log(`Timing ${cases.length} commands, ${runs} runs each after 2 warm-up runs, each run paired with \`node -e 0\` …`);
const results: Array<Result | { name: string; error: string }> = [];
for (const c of cases) {
  try {
    const r = measure(BIN, c, env, { runs, warmup: 2, rssRuns: 3 });
    results.push(r);
    log(`  ${c.name}: ${r.ratio.toFixed(2)}×`);
  } catch (err) {
    const message = (err as Error).message;
    results.push({ name: c.name, error: message.split('\n')[0]!.slice(0, 100) });
    log(`  ${c.name}: failed: ${message}`);
  }
}
rmSync(work, { recursive: true, force: true });

const header = ['command', 'median', 'node -e 0', 'ratio', 'spread', 'peak RSS', 'target', ''];
const lines = results.map((r) =>
  'error' in r
    ? [r.name, '', '', '', '', '', '', `error: ${r.error}`]
    : [
        r.name,
        `${r.medianMs.toFixed(1)} ms`,
        `${r.baselineMedianMs.toFixed(1)} ms`,
        `${r.ratio.toFixed(2)}×`,
        `${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)}`,
        `${r.peakRssMiB.toFixed(0)} MiB`,
        r.target === null ? '' : `≤ ${r.target}×${r.maxRssMiB === null ? '' : `, ≤ ${r.maxRssMiB} MiB`}`,
        r.met === null ? '' : r.met ? 'ok' : 'MISSED',
      ],
);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
const right = new Set([1, 2, 3, 4, 5]);
const row = (cells: string[]) => cells.map((s, i) => (right.has(i) ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join('  ').trimEnd();
process.stdout.write([row(header), ...lines.map(row)].join('\n') + '\n');

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
mkdirSync(RESULTS, { recursive: true });
const out = join(RESULTS, 'latest.json');
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, runs, database: { version: large.version, generatedAt: large.generatedAt, counts: large.counts }, results }, null, 2) + '\n');
log(`\n${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}. Figures written to ${out}`);
if (results.some((r) => 'error' in r)) process.exitCode = 1;
