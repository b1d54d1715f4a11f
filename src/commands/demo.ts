import { existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { openDb, type Db } from '../db/open.js';
import { dbPath } from '../db/paths.js';
import { listConnections } from '../db/repos/connections.js';
import { listRelations } from '../db/repos/relations.js';
import { DEMO_SEED, type DemoCounts, generateDemo } from '../demo/generate.js';
import { CancelError, UsageError } from '../errors.js';
import { defaultTemplateDirs } from '../templates/load.js';
import { byReadiness, viewRelations } from './relation/view.js';

/** A path as the file system sees it: symbolic links resolved, also for a file not made yet. */
function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/** A path as one shell word. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const removeDb = (path: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};

/** How the rep ran refer: through npx (the README's first command) the suggestions say so too. */
const invokedAs = (env: Record<string, string | undefined>) => (env.npm_command === 'exec' ? 'npx refer' : 'refer');

/** What to try next, each a whole command on the demo database, with what it shows. */
interface Suggestion {
  command: string;
  what: string;
}

function suggestions(db: Db, now: Date, path: string, refer: string): Suggestion[] {
  const ranked = viewRelations(db, listRelations(db), now).sort(byReadiness);
  const star = ranked[0]!;
  const conns = listConnections(db, star.id);
  const to = (conns.some((c) => c.shortlisted) ? conns.filter((c) => c.shortlisted) : conns).slice(0, 3).map((c) => c.id);
  const on = ` --db ${shellWord(path)}`;
  return [
    { command: `${refer} today${on}`, what: 'what to do now' },
    { command: `${refer} relation list${on}`, what: 'relations by readiness to be asked, with the reasons' },
    { command: `${refer} connection list ${star.id} --fit --limit 10${on}`, what: `the best-fitting people in ${star.name}'s network` },
    { command: `${refer} ask ${star.id} --to ${to.join(' ')} --dry-run${on}`, what: 'the ask script about three of them (stores nothing)' },
    { command: `${refer} followup${on}`, what: 'follow-ups overdue and due today' },
    { command: `${refer} stats${on}`, what: 'the funnel, beside the benchmarks' },
    { command: `${refer} stats --by channel${on}`, what: 'which channel works best' },
    { command: `${refer} relation show ${star.id}${on}`, what: `${star.name}: NPS history, moments, asks and outcomes` },
  ];
}

export default async function demo(ctx: Context, _args: string[], opts: { force?: boolean; seed?: number }): Promise<void> {
  const target = resolve(ctx.dbFlag ?? join(ctx.dataDir, 'demo.db'));
  const own = dbPath(undefined, ctx.env);
  if (canonical(target) === canonical(own)) {
    throw new UsageError(
      `${target} is the database for your own data (${ctx.env.REFER_DB ? 'REFER_DB' : 'the default'}); the demo goes into a separate file`,
      [ctx.dbFlag ? 'pass another file with --db, or leave --db out for the default demo database' : 'pass a file for the demo with --db'],
    );
  }
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new UsageError(`${target} is a folder; pass a file path with --db`);
    if (!opts.force) {
      if (!ctx.canPrompt) throw new UsageError(`${target} exists already; pass --force to replace it with a new demo`);
      const { confirm } = await ctx.prompts('--force');
      const replace = await ctx.ask(confirm({ message: `Replace ${target} with a new demo?`, default: false }, ctx.promptContext));
      if (!replace) throw new CancelError('Kept the existing demo database.');
    }
  }

  const seed = opts.seed ?? DEMO_SEED;
  const now = ctx.now();
  const started = performance.now();
  // Made beside the target and moved over it at the end: a failure leaves the old demo as it was.
  const tmp = `${target}.new-${process.pid}`;
  removeDb(tmp);
  const db = openDb(tmp);
  let made: { counts: DemoCounts; next: Suggestion[] } | undefined;
  try {
    const counts = generateDemo(db, { seed, now, templates: defaultTemplateDirs(ctx.env) });
    made = { counts, next: suggestions(db, now, target, invokedAs(ctx.env)) };
  } finally {
    db.close();
    if (!made) removeDb(tmp);
  }
  removeDb(target);
  renameSync(tmp, target);
  const seconds = (performance.now() - started) / 1000;

  const { counts, next } = made;
  if (ctx.json) return ctx.printJson({ db: target, seed, counts, next: next.map((n) => n.command) });
  const { style } = ctx;
  ctx.print(
    `Made a demo database (seed ${seed}, ${seconds.toFixed(1)} s): ${counts.relations} relations, ${counts.connections} connections, ` +
      `${counts.asks} asks, ${counts.referrals} referrals, ${counts.followups} follow-ups.`,
  );
  ctx.print(`  ${target}`);
  ctx.print(`Your own data is not touched. Add --db with this file to any command; try:`);
  ctx.print('');
  const width = Math.max(...next.map((n) => n.command.length));
  for (const n of next) ctx.print(`  ${n.command.padEnd(width)}  ${style.dim(`# ${n.what}`)}`);
}
