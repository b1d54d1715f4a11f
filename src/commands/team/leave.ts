import type { Context } from '../../context.js';
import { getTeam, leaveTeam } from '../../db/repos/team.js';
import { CancelError, UsageError } from '../../errors.js';
import { connectTeam, parseTeamUrl, where } from '../../team/connect.js';
import { eraseRep } from '../../team/membership.js';
import { notInTeam } from '../../team/local.js';

/**
 * `refer team leave [--erase] [--force]`: stops syncing and forgets the cache of teammates' rows;
 * the rep's own data stays. --erase first deletes this rep's rows from the team database (the
 * server must be reachable: otherwise nothing changes, here or there).
 */
export default async function leave(ctx: Context, _args: string[], opts: { erase?: boolean; force?: boolean }): Promise<void> {
  const db = await ctx.existingDb();
  const team = db && getTeam(db);
  if (!db || !team) throw notInTeam();
  let erased: Record<string, number> | undefined;
  if (opts.erase) {
    if (!opts.force) {
      if (!ctx.canPrompt) throw new UsageError(`erasing your rows from the team database cannot be undone: pass --force to confirm (there is no terminal to ask on)`);
      const { confirm } = await ctx.prompts('--force');
      const ok = await ctx.ask(confirm({ message: `Delete all your rows (${team.rep}) from the team database at ${team.url}?`, default: false }, ctx.promptContext));
      if (!ok) throw new CancelError('Nothing was erased; you are still in the team.');
    }
    const server = await connectTeam(team.url, ctx.env, { warn: (t) => ctx.warn(t) });
    try {
      erased = await eraseRep(server);
    } finally {
      await server.close();
    }
  }
  leaveTeam(db);
  const at = where(parseTeamUrl(team.url, ctx.env));
  if (ctx.json) {
    ctx.printJson({ url: team.url, rep: team.rep, left: true, erased: erased ?? null });
    return;
  }
  ctx.print(`Left the team at ${at}.`);
  if (erased) {
    const parts = Object.entries(erased).map(([k, n]) => `${k} ${n}`);
    ctx.info(`Your rows were deleted from the team database: ${parts.join(', ')}.`);
  } else {
    ctx.info('Your rows stay in the team database; refer team leave --erase deletes them (join again first).');
  }
}

