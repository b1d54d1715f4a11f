import type { Context } from '../../context.js';
import { notInTeam } from '../../team/local.js';
import { getTeam, pendingChanges, teammates } from '../../db/repos/team.js';

/** `refer team status`: from the local database only, so it answers offline too. */
export default async function status(ctx: Context): Promise<void> {
  const db = await ctx.existingDb();
  const team = db && getTeam(db);
  if (!db || !team) throw notInTeam();
  const pending = pendingChanges(db);
  if (ctx.json) {
    ctx.printJson({ url: team.url, rep: team.rep, lastSyncAt: team.lastSyncAt, pending, schemaVersion: team.serverVersion });
    return;
  }
  const rows: Array<[string, string]> = [
    ['server', team.url],
    ['you', `${team.rep} (${team.name})`],
    ['joined', team.joinedAt],
    ['last sync', team.lastSyncAt ?? 'never'],
    ['waiting', pending === 0 ? 'nothing' : `${pending} change${pending === 1 ? '' : 's'} (refer team sync sends them)`],
    ['schema', team.serverVersion === null ? 'unknown' : String(team.serverVersion)],
  ];
  const others = teammates(db);
  if (team.lastSyncAt) rows.splice(2, 0, ['teammates', others.length === 0 ? 'none yet' : others.join(', ')]);
  for (const [k, v] of rows) ctx.print(`${k.padEnd(10)} ${v}`);
}
