// The data the bench runs on, made once and kept in test/bench/.cache/: two databases from the
// demo generator (a power user's after years of use, and a stress one ten times larger), and a
// LinkedIn Connections.csv. All deterministic. Each database is cached by the generator's
// version and a hash of the schema and the code that writes it (an index added changes the figures).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { openDb } from '../../src/db/open.js';
import { DEMO_SEED, type DemoShape, generateDemo, GENERATOR_VERSION } from '../../src/demo/generate.js';
import { connection } from '../../src/demo/people.js';
import { mixSeed, Rng } from '../../src/demo/random.js';

export const CACHE = fileURLToPath(new URL('./.cache/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type ScaleName = 'realistic' | 'stress';

/**
 * realistic: a power user after years of use, about 2,000 relations, 60,000 connections of which
 * one relation has a 30,000-person network (LinkedIn's cap), 10,000 asks, 30,000 referrals, 3,000
 * follow-ups of which about 20 are due. stress: the demo's proportions at 20,000 relations,
 * 300,000 connections, 100,000 asks, 290,000 referrals, 100,000 follow-ups.
 */
export const SCALES: Record<ScaleName, { scale: number; shape?: DemoShape }> = {
  realistic: { scale: 100, shape: { bigNetwork: 30_000, followupShare: 0.3, diligent: true } },
  stress: { scale: 1000 },
};
export const CSV_ROWS = 30_000;

/** A hash of the .ts files under these folders (and of these files). */
function sourceHash(paths: string[]): string {
  const hash = createHash('sha256');
  for (const p of paths) {
    const abs = join(ROOT, p);
    const files = p.endsWith('.ts') ? [abs] : readdirSync(abs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).sort().map((f) => join(abs, f));
    for (const f of files) hash.update(f.slice(ROOT.length)).update(readFileSync(f));
  }
  return hash.digest('hex').slice(0, 12);
}

export interface BenchDb {
  scale: ScaleName;
  path: string;
  version: string;
  generatedAt: string;
  counts: Record<string, number>;
}

/** Builds a scale's database unless the cache has this version already (a minute or so for stress). */
export function benchDb(name: ScaleName, log: (s: string) => void): BenchDb {
  const { scale, shape } = SCALES[name];
  // the schema, the code that writes connections (a stored fit) and the generator's shapes
  const version = `g${GENERATOR_VERSION}-${sourceHash(['src/db/migrations', 'src/db/repos/bulk.ts', 'src/core/fit.ts', 'src/demo/generate.ts', 'test/bench/fixtures.ts'])}`;
  const path = join(CACHE, `${name}-${version}.db`);
  const meta = `${path}.json`;
  // The path is this checkout's, whatever folder the cache was made (or copied) in.
  if (existsSync(path) && existsSync(meta)) {
    const cached = { ...(JSON.parse(readFileSync(meta, 'utf8')) as BenchDb), path };
    // The realistic database's "about 20 due" holds on the day it was made; it is quick to remake.
    if (name === 'stress' || cached.generatedAt.slice(0, 10) === new Date().toISOString().slice(0, 10)) return cached;
  }
  mkdirSync(CACHE, { recursive: true });
  for (const f of readdirSync(CACHE)) if (f.startsWith(`${name}-`) || f.startsWith('large-')) rmSync(join(CACHE, f)); // older versions
  log(`Building the ${name} database (scale ${scale}) in ${path} …`);
  const started = Date.now();
  const tmp = `${path}.tmp`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  const now = new Date();
  const db = openDb(tmp);
  const counts = { ...generateDemo(db, { seed: DEMO_SEED, scale, now, ...(shape ? { shape } : {}) }) };
  // closing the only connection checkpoints the WAL into the file (a TRUNCATE checkpoint here can
  // meet a statement the generator has not finalised: SQLITE_LOCKED)
  db.close();
  rmSync(`${tmp}-wal`, { force: true });
  rmSync(`${tmp}-shm`, { force: true });
  renameSync(tmp, path);
  const info: BenchDb = { scale: name, path, version, generatedAt: now.toISOString(), counts };
  writeFileSync(meta, JSON.stringify(info, null, 2));
  log(`  done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}`);
  return info;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** LinkedIn's current Connections.csv layout: a "Notes:" preamble, then the header and the rows. */
export function connectionsCsv(): string {
  const version = sourceHash(['src/demo/people.ts', 'src/demo/random.ts', 'test/bench/fixtures.ts']);
  const path = join(CACHE, `connections-${version}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(CACHE, { recursive: true });
  for (const f of readdirSync(CACHE)) if (f.startsWith('connections-')) rmSync(join(CACHE, f));
  const rng = new Rng(mixSeed(DEMO_SEED, 2));
  const now = new Date(Date.UTC(2026, 10, 25));
  const rows: string[][] = [];
  for (let i = 0; i < CSV_ROWS; i++) {
    const c = connection(rng, 0.3, i, now);
    const space = c.name.indexOf(' ');
    const [y, m, d] = c.connectedOn!.split('-');
    rows.push([c.name.slice(0, space), c.name.slice(space + 1), c.linkedin ?? '', c.email ?? '', c.company ?? '', c.title ?? '', `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`]);
  }
  const preamble = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address."\n\n';
  writeFileSync(path, preamble + stringify(rows, { header: true, columns: ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'] }));
  return path;
}
