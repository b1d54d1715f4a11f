import type { Context } from '../../context.js';
import type { Icp } from '../../core/model.js';
import { parseListFlag } from '../../core/fit.js';
import { UsageError } from '../../errors.js';
import { EMPTY_ICP, getIcp, saveIcp } from '../../db/repos/profile.js';
import { printIcp } from './show.js';
import type { Db } from '../../db/open.js';
import { rescoreAll } from '../../db/repos/fit.js';

export interface IcpFlags {
  industries?: string;
  titles?: string;
  minSize?: number;
  maxSize?: number;
  regions?: string;
  excludeCompanies?: string;
}

/** The ICP after applying the given flags to `base`; only the given fields change. */
export function applyIcpFlags(base: Icp, opts: IcpFlags): Icp {
  const next: Icp = { ...base };
  if (opts.industries !== undefined) next.industries = parseListFlag(opts.industries);
  if (opts.titles !== undefined) next.titles = parseListFlag(opts.titles);
  if (opts.regions !== undefined) next.regions = parseListFlag(opts.regions);
  if (opts.excludeCompanies !== undefined) next.excludeCompanies = parseListFlag(opts.excludeCompanies);
  if (opts.minSize !== undefined) next.minSize = opts.minSize;
  if (opts.maxSize !== undefined) next.maxSize = opts.maxSize;
  if (next.minSize !== null && next.maxSize !== null && next.minSize > next.maxSize) {
    throw new UsageError(`--min-size (${next.minSize}) is larger than --max-size (${next.maxSize})`);
  }
  return next;
}

export const hasIcpFlags = (opts: IcpFlags) =>
  (['industries', 'titles', 'minSize', 'maxSize', 'regions', 'excludeCompanies'] as const).some((k) => opts[k] !== undefined);

/**
 * Saves the ICP and re-scores every stored connection fit against it, in one transaction, with a
 * progress line on a terminal (a network of tens of thousands takes a moment).
 */
export function saveIcpAndRescore(ctx: Context, db: Db, icp: Icp, now: Date, also?: () => void): void {
  const tty = Boolean(ctx.io.stderr.isTTY) && !ctx.json;
  let shown = false;
  db.transaction(() => {
    also?.();
    saveIcp(db, icp, now);
    rescoreAll(db, icp, (done, total) => {
      if (!tty || total < 20_000) return;
      shown = true;
      ctx.io.stderr.write(`\rRe-scoring connections against the ICP: ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`);
    });
  }).immediate();
  if (shown) ctx.io.stderr.write('\r\u001b[K');
}

export default async function icpSet(ctx: Context, _args: string[], opts: IcpFlags): Promise<void> {
  if (!hasIcpFlags(opts)) {
    throw new UsageError('nothing to set: pass --industries, --titles, --min-size, --max-size, --regions or --exclude-companies');
  }
  const db = await ctx.db();
  const icp = applyIcpFlags(getIcp(db) ?? EMPTY_ICP, opts);
  saveIcpAndRescore(ctx, db, icp, ctx.now());
  printIcp(ctx, icp);
  if (!ctx.json) ctx.info('ICP saved. `refer connection list REL` ranks connections against it.');
}
