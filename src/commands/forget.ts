import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context.js';
import type { Db } from '../db/open.js';
import { progress } from '../output/progress.js';
import { compact, type Erased, erasePerson, type Person, secureDelete } from '../db/repos/data.js';
import { findConnectionsByName, getConnection, resolveConnection } from '../db/repos/connections.js';
import { getRelation, resolveRelation } from '../db/repos/relations.js';
import { getTeam } from '../db/repos/team.js';
import { CancelError, NotFoundError, UsageError } from '../errors.js';

/**
 * `relation REL` or `connection CONN` as typed; a bare name is a relation first, else a
 * connection. A bare id that is both a relation's and a connection's is refused: the two are
 * unrelated people, and erasing is for good.
 */
function resolvePerson(db: Db, args: string[]): Person {
  const [first = '', second] = args;
  if (second !== undefined) {
    if (first !== 'relation' && first !== 'connection') {
      throw new UsageError(`expected \`refer forget NAME\`, \`refer forget relation REL\` or \`refer forget connection CONN\`, got "${first}" "${second}" (quote a name with spaces)`);
    }
    const p = first === 'relation' ? resolveRelation(db, second) : resolveConnection(db, second);
    return { type: first, id: p.id, name: p.name };
  }
  const ref = first.trim();
  if (/^\d+$/.test(ref)) {
    const r = getRelation(db, Number(ref));
    const c = getConnection(db, Number(ref));
    if (r && c) {
      throw new UsageError(`${ref} is the id of relation ${r.name} and of connection ${c.name}; say which:`, [
        `refer forget relation ${ref}`,
        `refer forget connection ${ref}`,
      ]);
    }
    if (r) return { type: 'relation', id: r.id, name: r.name };
    if (c) return { type: 'connection', id: c.id, name: c.name };
    throw new NotFoundError(`no relation or connection with id ${ref}`);
  }
  try {
    const r = resolveRelation(db, ref);
    return { type: 'relation', id: r.id, name: r.name };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  try {
    const c = resolveConnection(db, ref);
    return { type: 'connection', id: c.id, name: c.name };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    throw new NotFoundError(`no relation or connection named "${ref}"; see \`refer relation list --all\``);
  }
}

/** From this size of database file on, forget says that it is rewriting the file. */
const VACUUM_NOTICE_BYTES = 32 * 1024 * 1024;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(erased: Erased): string[] {
  const deleted = Object.entries(erased.deleted).filter(([, n]) => n > 0);
  const scrubbed = Object.entries(erased.scrubbed).filter(([, n]) => n > 0);
  return [
    `rows deleted: ${deleted.map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
    `the name taken out of: ${scrubbed.map(([k, n]) => `${k} ${n}`).join(', ') || 'nothing else'}`,
  ];
}

export default async function forget(ctx: Context, args: string[], opts: { force?: boolean }): Promise<void> {
  const db = await ctx.existingDb();
  if (!db) throw new NotFoundError(`there is no database at ${ctx.dbPath} yet, so nobody to forget`);
  const person = resolvePerson(db, args);
  const label = `${person.type} ${person.id} ${person.name}`;
  if (!opts.force) {
    if (!ctx.canPrompt) throw new UsageError(`forgetting ${label} cannot be undone: pass --force to confirm (there is no terminal to ask on)`);
    const preview = erasePerson(db, person, { dryRun: true });
    ctx.info(`This erases ${label} for good:`);
    for (const line of describe(preview)) ctx.info(`  ${line}`);
    const { confirm } = await ctx.prompts('--force');
    const ok = await ctx.ask(confirm({ message: `Erase ${person.name}?`, default: false }, ctx.promptContext));
    if (!ok) throw new CancelError('Nothing was erased.');
  }
  secureDelete(db);
  const erased = erasePerson(db, person);
  // VACUUM rewrites the whole file: on a large database that takes a while, so say so (terminal only).
  const shown = progress(ctx.io.stderr, () => 'Rewriting the database without the erased rows (VACUUM)…', { from: VACUUM_NOTICE_BYTES });
  shown.update(existsSync(ctx.dbPath) ? statSync(ctx.dbPath).size : 0);
  const compacted = compact(db);
  shown.done();
  const namesakes = findConnectionsByName(db, person.name);
  const backups = join(ctx.dataDir, 'backups');
  const backupCount = existsSync(backups) ? readdirSync(backups).filter((f) => f.endsWith('.db')).length : 0;

  if (ctx.json) {
    ctx.printJson({ person, ...erased, compacted, sameNameConnections: namesakes.map((c) => c.id) });
  } else {
    ctx.print(`Erased ${label}.`);
    for (const line of describe(erased)) ctx.print(`  ${line}`);
  }
  if (!compacted) ctx.warn('another refer command was reading the database; the erased rows leave its write-ahead log (-wal file) when that command ends');
  if (namesakes.length) {
    const verb = namesakes.length === 1 ? 'carries' : 'carry';
    ctx.info(`${plural(namesakes.length, 'other connection')} ${verb} the same name: ${namesakes.map((c) => `\`refer forget connection ${c.id}\``).join(', ')}`);
  }
  // the triggers put the deletes in the team outbox with the erase itself
  if (getTeam(db)) ctx.info(`You are in a team: the team database forgets ${person.name} at your next \`refer team sync\`.`);
  if (backupCount) ctx.info(`Backups made before hold them still: ${plural(backupCount, 'file')} in ${backups}; delete those you no longer need.`);
}
