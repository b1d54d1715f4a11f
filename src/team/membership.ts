// The server side of joining and leaving (the SQL; the commands are src/commands/team/).

import type { Team } from './connect.js';
import { teamError } from './connect.js';

/** The lock a sync of this rep holds to its COMMIT (src/team/sync.ts takes the same). */
export const REP_LOCK = "SELECT pg_advisory_xact_lock(hashtext('refer.sync'), hashtext(current_user))";

/** Records this rep and the name teammates see (refer.reps; row-level security: only one's own row). */
export async function registerRep(team: Team, name: string): Promise<void> {
  try {
    await team.client.query(
      `INSERT INTO refer.reps (rep, name) VALUES (current_user, $1)
       ON CONFLICT (rep) DO UPDATE SET name = EXCLUDED.name WHERE refer.reps.name IS DISTINCT FROM EXCLUDED.name`,
      [name],
    );
  } catch (err) {
    throw teamError(err, team.url);
  }
}

/**
 * Deletes every row of this rep from the team database, in one transaction, after any sync of
 * the same rep has finished. Row-level security limits it to this rep's rows whatever is asked.
 * Returns the rows deleted per table.
 */
export async function eraseRep(team: Team): Promise<Record<string, number>> {
  const c = team.client;
  const counts: Record<string, number> = {};
  try {
    await c.query('BEGIN');
    await c.query(REP_LOCK);
    for (const table of ['referrals', 'asks', 'connections', 'relations', 'reps']) {
      const r = await c.query(`DELETE FROM refer.${table} WHERE rep = current_user`);
      counts[table] = r.rowCount ?? 0;
    }
    await c.query('COMMIT');
    return counts;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw teamError(err, team.url);
  }
}
