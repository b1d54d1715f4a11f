import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'date-fns/format';
import type { Context } from '../context.js';
import type { Db } from '../db/open.js';
import { FailureError } from '../errors.js';
import { replaceFile } from '../output/atomic.js';

/** `<data folder>/backups/refer-2026-11-25-103000.db` (local time), a free name. */
export function defaultBackupPath(ctx: Context): string {
  const dir = join(ctx.dataDir, 'backups');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new FailureError(`cannot create the backup folder ${dir}: ${(err as Error).message}`);
  }
  const base = join(dir, `refer-${format(ctx.now(), 'yyyy-MM-dd-HHmmss')}`);
  for (let n = 1; ; n++) {
    const path = n === 1 ? `${base}.db` : `${base}-${n}.db`;
    if (!existsSync(path)) return path;
  }
}

const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of the database at `target`, made with SQLite's online backup API while other
 * refer processes may go on writing; mode 0600, and `target` appears only when it is complete.
 * Returns its size in bytes.
 */
export async function makeBackup(db: Db, target: string): Promise<number> {
  await replaceFile(target, async (tmp) => {
    // All pages in one step, inside one read transaction: copied in small steps, a backup starts
    // over whenever another process writes, and a busy database could keep it from ever ending.
    // In WAL mode the writers go on meanwhile.
    await db.backup(tmp, { progress: () => ALL_PAGES });
  });
  return statSync(target).size;
}

export default async function backup(ctx: Context, _args: string[], opts: { output?: string }): Promise<void> {
  const db = await ctx.existingDb();
  if (!db) throw new FailureError(`there is no database at ${ctx.dbPath} yet; nothing to back up`);
  const target = opts.output ?? defaultBackupPath(ctx);
  const bytes = await makeBackup(db, target);
  if (ctx.json) return ctx.printJson({ path: target, bytes });
  ctx.print(target);
  ctx.info(
    `Backed up ${ctx.dbPath} to ${target} (${Math.max(1, Math.round(bytes / 1024))} KB, readable by you only). ` +
      `To restore it: use it with --db ${target}, or copy it over ${ctx.dbPath} while no refer runs (and delete ${ctx.dbPath}-wal and -shm if they are there).`,
  );
}
