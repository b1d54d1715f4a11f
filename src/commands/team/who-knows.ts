// `refer team who-knows TEXT`: the teammates' connections whose name or company matches TEXT, from
// the local cache of the last pull (so it works offline), the colleague to ask for an introduction
// first: exact name matches, then promoters before detractors. Says how old the team data is.
import type { Context } from '../../context.js';
import { pullAge, rankWhoKnows } from '../../core/coordination.js';
import { foldText } from '../../core/person.js';
import { teamCacheState, whoKnowsCandidates } from '../../db/repos/team-coordination.js';
import { UsageError } from '../../errors.js';

/** How many people who-knows lists unless --limit says otherwise. */
export const WHO_KNOWS_LIMIT = 20;

export default async function whoKnows(ctx: Context, [text]: string[], opts: { limit?: number }): Promise<void> {
  if (text === undefined || foldText(text) === '') throw new UsageError('missing TEXT: a name or a company, e.g. refer team who-knows "Carla Ruiz"');
  const db = await ctx.existingDb();
  const state = db ? teamCacheState(db) : null;
  if (!db || !state) throw new UsageError('not in a team: run refer team join URL first');
  const now = ctx.now();
  const found = rankWhoKnows(text, whoKnowsCandidates(db, text));
  const limit = opts.limit ?? WHO_KNOWS_LIMIT;
  const shown = found.slice(0, limit).map(({ name, title, company, rep, relation }) => ({ name, title, company, rep, relation }));
  const age = pullAge(state.lastPullAt, now);
  if (ctx.json) {
    ctx.printJson(shown);
    ctx.info(ctx.style.dim(age));
    return;
  }
  if (shown.length === 0) {
    ctx.print(`Nobody in the team knows anyone named or working at "${text}".`);
  } else {
    const { style } = ctx;
    ctx.table(shown, [
      { header: 'NAME', get: (r) => r.name, style: (s) => style.bold(s) },
      { header: 'TITLE', get: (r) => r.title },
      { header: 'COMPANY', get: (r) => r.company },
      { header: 'TEAMMATE', get: (r) => r.rep },
      { header: 'VIA', get: (r) => r.relation },
    ]);
    if (found.length > shown.length) ctx.info(style.dim(`… and ${found.length - shown.length} more: --limit ${found.length} shows all`));
  }
  ctx.info(ctx.style.dim(age));
}
