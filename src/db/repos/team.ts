// The local side of the team: which team this database syncs with (never a password), and the
// outbox's size. The outbox itself is filled by triggers (src/db/migrations/005_team.ts) and
// emptied by the push (src/db/repos/team-cache.ts).

import type { Db } from '../open.js';

export interface TeamRow {
  /** the URL without its password */
  url: string;
  rep: string;
  name: string;
  joinedAt: string;
  lastSyncAt: string | null;
  lastPullAt: string | null;
  serverVersion: number | null;
}

export function getTeam(db: Db): TeamRow | undefined {
  return db
    .prepare(
      `SELECT url, rep, name, joined_at AS joinedAt, last_sync_at AS lastSyncAt, last_pull_at AS lastPullAt,
              server_version AS serverVersion FROM team WHERE id = 1`,
    )
    .get() as TeamRow | undefined;
}

/** Changes waiting for the next push: distinct rows (a row changed twice is sent once). */
export function pendingChanges(db: Db): number {
  return db.prepare('SELECT count(*) FROM (SELECT DISTINCT entity, local_id FROM team_outbox)').pluck().get() as number;
}

/** Teammates known from the last pull (the cache holds other reps only). */
export function teammates(db: Db): string[] {
  return db.prepare('SELECT name FROM team_reps ORDER BY name COLLATE NOCASE').pluck().all() as string[];
}

const ENQUEUE_ALL = `
INSERT INTO team_outbox (entity, local_id)
SELECT 'relation', id FROM relations
UNION ALL SELECT 'connection', id FROM connections
UNION ALL SELECT 'ask', id FROM asks
UNION ALL SELECT 'referral', id FROM referrals`;

/**
 * Joins: records the team (replacing a previous row for the same server) and puts every
 * existing shared row in the outbox once, so the first push sends the whole database. One
 * transaction: a change made meanwhile is either before it (and enqueued here) or after (and
 * enqueued by its trigger).
 */
export function joinTeam(db: Db, team: { url: string; rep: string; name: string; serverVersion: number }, now: Date): TeamRow {
  db.transaction(() => {
    const had = getTeam(db);
    db.prepare(
      `INSERT INTO team (id, url, rep, name, joined_at, server_version) VALUES (1, @url, @rep, @name, @at, @serverVersion)
       ON CONFLICT (id) DO UPDATE SET url = @url, rep = @rep, name = @name, server_version = @serverVersion`,
    ).run({ ...team, at: now.toISOString() });
    if (!had) {
      db.prepare('DELETE FROM team_outbox').run();
      db.prepare(ENQUEUE_ALL).run();
    }
  }).immediate();
  return getTeam(db)!;
}

/**
 * Leaves: forgets the team, the changes waiting for it and the cache of what teammates shared.
 * The rep's own data is untouched.
 */
export function leaveTeam(db: Db): void {
  db.transaction(() => {
    for (const table of ['team', 'team_outbox', 'team_reps', 'team_relations', 'team_connections', 'team_asks', 'team_referrals']) {
      db.prepare(`DELETE FROM ${table}`).run();
    }
  }).immediate();
}

/** Records what the server said its schema version is (at join and each sync). */
export function setServerVersion(db: Db, version: number): void {
  db.prepare('UPDATE team SET server_version = ? WHERE id = 1').run(version);
}
