import type { Context } from '../../context.js';
import { getProfile } from '../../db/repos/profile.js';
import { getTeam, joinTeam, pendingChanges } from '../../db/repos/team.js';
import { UsageError } from '../../errors.js';
import { connectTeam, parseTeamUrl, where } from '../../team/connect.js';
import { registerRep } from '../../team/membership.js';
import { syncTeam } from '../../team/sync.js';
import { progressLine } from './sync.js';

/** Same server, database and role: a second join only refreshes the name and syncs. */
const sameTeam = (a: string, b: string) => {
  const strip = (s: string) => {
    const u = new URL(s);
    return `${u.username}@${u.hostname}:${u.port || '5432'}${u.pathname}`;
  };
  return strip(a) === strip(b);
};

/**
 * `refer team join URL [--name NAME]`: joins as the role in URL (the password from the URL for
 * this once, else PGPASSWORD or ~/.pgpass; never stored), puts every shared row of this database
 * in the outbox, and syncs once (src/team/sync.ts).
 */
export default async function join(ctx: Context, [text = '']: string[], opts: { name?: string }): Promise<void> {
  const url = parseTeamUrl(text, ctx.env);
  const name = opts.name?.trim();
  if (opts.name !== undefined && !name) throw new UsageError('--name must not be empty');
  const db = await ctx.db();
  const had = getTeam(db);
  if (had && !sameTeam(had.url, url.url)) {
    throw new UsageError(`already in the team at ${had.url} as ${had.rep}: run refer team leave first`);
  }
  const team = await connectTeam(text, ctx.env, { warn: (t) => ctx.warn(t) });
  try {
    const shown = name || had?.name || getProfile(db)?.name?.trim() || team.rep;
    await registerRep(team, shown);
    joinTeam(db, { url: team.url.url, rep: team.rep, name: shown, serverVersion: team.schemaVersion }, ctx.now());
    // the first sync: a failure leaves the membership and the outbox for `refer team sync`
    const progress = progressLine(ctx);
    let result;
    try {
      result = await syncTeam(db, team, { progress: progress.update, now: () => ctx.now() });
    } finally {
      progress.end();
    }
    const row = getTeam(db)!;
    if (ctx.json) {
      ctx.printJson({ url: row.url, rep: row.rep, name: row.name, lastSyncAt: row.lastSyncAt, pending: pendingChanges(db), schemaVersion: team.schemaVersion, pushed: result.pushed, pulled: result.pulled });
    } else {
      ctx.print(
        `Joined the team at ${where(team.url)} as ${team.rep} (${shown}): ${result.pushed.toLocaleString('en')} changes sent, ${result.pulled.toLocaleString('en')} teammate rows received.`,
      );
    }
    const typed = new URL(text.trim());
    if ((typed.password || typed.searchParams.has('password')) && !ctx.env.PGPASSWORD) {
      ctx.info('The password in the URL is not stored: for the next syncs, set PGPASSWORD or add a line to ~/.pgpass (docs/team.md).');
    }
  } finally {
    await team.close();
  }
}
