import type { Context } from '../../context.js';
import type { Icp } from '../../core/model.js';
import { getIcp } from '../../db/repos/profile.js';

const list = (xs: string[]) => (xs.length ? xs.join(', ') : '—');

export function printIcp(ctx: Context, icp: Icp): void {
  if (ctx.json) return ctx.printJson(icp);
  const size = icp.minSize === null && icp.maxSize === null ? '—' : `${icp.minSize ?? 0}–${icp.maxSize ?? '∞'} employees`;
  ctx.table(
    [
      ['industries', list(icp.industries)],
      ['titles', list(icp.titles)],
      ['company size', size],
      ['regions', list(icp.regions)],
      ['excluded companies', list(icp.excludeCompanies)],
    ],
    [
      { header: 'ICP', get: (r) => r[0] },
      { header: 'value', get: (r) => r[1] },
    ],
  );
}

export default async function icpShow(ctx: Context): Promise<void> {
  const db = await ctx.db();
  const icp = getIcp(db);
  if (!icp) {
    if (ctx.json) return ctx.printJson(null);
    ctx.info('No ICP yet: run `refer icp set --titles … --industries …` (or `refer init`).');
    return;
  }
  printIcp(ctx, icp);
}
