// `refer team sync`: push this database's changes since the last sync, then pull what teammates
// share into the local cache. Local first, as atuin syncs its history: the local database stays
// the source of truth, and a sync cut off anywhere (network, server stop, kill -9) leaves both
// sides consistent, the next sync completing it:
//
// - push: the outbox up to its current end, de-duplicated, is sent as the rows' current shared
//   values in ONE server transaction of batched, idempotent upserts keyed by (rep, local id)
//   (parents before children; deletes first, children before parents). The outbox rows go only
//   after the server's COMMIT; if the process dies between the two, the next sync sends the same
//   values again, which changes nothing (an upsert updates a row only when a value differs).
// - pull: in one REPEATABLE READ transaction (one snapshot), the rows of the teammates whose
//   version changed since the last pull, a page at a time into temporary tables, then in one
//   local transaction in place of theirs in the cache.
// - two syncs of one rep never interleave: a lock file beside the database (two local
//   processes) and an advisory lock per rep on the server (any other client of the same role;
//   a second laptop under one role is not supported: local ids would collide).
// - a server that goes silent is given up (a watchdog per statement); a push session left
//   waiting for a statement that never comes ends itself on the server (idle_in_transaction_
//   session_timeout), freeing the rep's lock.

import type { Client, QueryResult } from 'pg';
import type { Db } from '../db/open.js';
import {
  cacheColumns,
  cachedReps,
  clearOutbox,
  lockSync,
  markSynced,
  type Outbox,
  type Pulled,
  readEverything,
  readOutbox,
  startStaging,
  TABLES,
  writeCache,
} from '../db/repos/team-cache.js';
import { FailureError, ReferError } from '../errors.js';
import { teamError, type Team } from './connect.js';
import { REP_LOCK } from './membership.js';
import type { SharedTable } from './shared.js';

export interface SyncResult {
  /** rows the server changed (inserted, updated or deleted): 0 when it had them all already */
  pushed: number;
  /** teammates' rows written into the local cache */
  pulled: number;
  syncedAt: string;
}

export interface SyncOptions {
  /** called after each batch of a push: rows sent so far, rows to send */
  progress?: (done: number, total: number) => void;
  /** called after each page of a pull: teammates' rows received so far */
  received?: (rows: number) => void;
  now?: () => Date;
  /** how long to wait for another sync of this database, or of this rep on the server (default 2 minutes) */
  lockTimeoutMs?: number;
  /**
   * a server silent this long during a statement is taken for gone — a laptop that slept, a
   * network that dropped without a word (default 1 minute)
   */
  answerTimeoutMs?: number;
}

/** Rows per upsert statement: big enough that 30,000 rows take a few round trips. */
export const BATCH = 5_000;

const ID_COLUMNS = new Set(['id', 'relation_id', 'ask_id', 'connection_id']);
const INT_COLUMNS = new Set(['size', 'nps_score']);

/** The server type of a shared column (src/team/schema.ts declares the same). */
export function pgType(column: string): string {
  if (ID_COLUMNS.has(column)) return 'bigint';
  if (INT_COLUMNS.has(column)) return 'integer';
  if (column === 'value') return 'double precision';
  if (column.endsWith('_at')) return 'timestamptz';
  return 'text';
}

/**
 * A PostgreSQL array literal of text elements, which the server casts to the column's type.
 * Written here because node-postgres's own serialiser takes several times as long (about a
 * quarter of a 30,000-row push).
 */
export function pgArray(values: readonly unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number') parts[i] = String(v);
    else parts[i] = '"' + String(v).replace(/[\\"]/g, '\\$&') + '"';
  }
  return '{' + parts.join(',') + '}';
}

/** A server timestamp as the local database writes times: ISO 8601 UTC with milliseconds. */
const isoText = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Pushes, then pulls; returns what moved. Server errors become one line naming host and port. */
export async function syncTeam(db: Db, team: Team, opts: SyncOptions = {}): Promise<SyncResult> {
  const wait = opts.lockTimeoutMs ?? 120_000;
  const answer = opts.answerTimeoutMs ?? 60_000;
  const release = lockSync(db, wait);
  try {
    const pushed = await push(db, team, { wait, answer }, opts.progress);
    const pulled = await pull(db, team, answer, opts.received);
    const syncedAt = (opts.now?.() ?? new Date()).toISOString();
    markSynced(db, syncedAt);
    return { pushed, pulled, syncedAt };
  } finally {
    release();
  }
}

/** What the sync asks of the server: queries, watched (see guarded()). */
interface Server {
  query: Client['query'];
  /** runs `work` with a longer silence allowed (a statement that waits for a lock) */
  patient<T>(ms: number, work: () => Promise<T>): Promise<T>;
  /** stops watching */
  stop(): void;
}

/**
 * The client, with a watchdog: while a statement runs and nothing arrives from the server for
 * `ms`, the connection is cut, so the statement and any after it fail at once (a dead
 * connection would otherwise wait on its socket for as long as the operating system keeps it).
 * A large answer arriving slowly keeps it alive.
 */
function guarded(client: Client, ms: number): Server {
  const stream = (client as unknown as { connection: { stream: NodeJS.ReadableStream & { destroy(err?: Error): void } } }).connection.stream;
  let limit = ms;
  let running = 0;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = running ? setTimeout(() => stream.destroy(new Error(`Connection terminated: no answer for ${Math.round(limit / 1000)} s`)), limit) : undefined;
  };
  stream.on('data', arm);
  return {
    query: (async (...args: unknown[]) => {
      running++;
      arm();
      try {
        return await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
      } finally {
        running--;
        arm();
      }
    }) as Client['query'],
    stop() {
      running = 0;
      arm();
      stream.removeListener('data', arm);
    },
    async patient(longer, work) {
      const before = limit;
      limit = longer;
      try {
        return await work();
      } finally {
        limit = before;
      }
    },
  };
}

/** Runs server work; any driver or server error becomes a ReferError naming the server. */
async function onServer<T>(team: Team, answer: number, work: (c: Server) => Promise<T>): Promise<T> {
  const server = guarded(team.client, answer);
  try {
    return await work(server);
  } catch (err) {
    if (err instanceof ReferError || (err instanceof Error && err.name === 'SqliteError')) throw err;
    throw teamError(err, team.url);
  } finally {
    server.stop();
  }
}

const rowCount = (r: QueryResult) => r.rowCount ?? 0;

/** The batched upsert of one table: unnest of one array per column, keyed by (rep, id). */
function upsertSql(table: SharedTable, columns: string[]): string {
  const cols = columns.join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${pgType(c)}[]`).join(', ');
  const rest = columns.filter((c) => c !== 'id');
  return (
    `INSERT INTO refer.${table} (${cols}) SELECT * FROM unnest(${arrays}) ` +
    `ON CONFLICT (rep, id) DO UPDATE SET ${rest.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} ` +
    `WHERE (${rest.map((c) => `refer.${table}.${c}`).join(', ')}) IS DISTINCT FROM (${rest.map((c) => `EXCLUDED.${c}`).join(', ')})`
  );
}

interface Limits {
  /** ms to wait for another sync's lock */
  wait: number;
  /** ms to wait for the server's answer to one statement */
  answer: number;
}

/** PostgreSQL's lock_not_available: lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

/** PostgreSQL's foreign_key_violation: the server lacks a parent of a row sent. */
const MISSING_PARENT = '23503';

async function push(db: Db, team: Team, limits: Limits, progress?: (done: number, total: number) => void): Promise<number> {
  const outbox = readOutbox(db);
  if (!outbox) return 0;
  const changed = await onServer(team, limits.answer, async (c) => {
    try {
      return await send(c, team, limits, outbox, progress);
    } catch (err) {
      if ((err as { code?: string }).code !== MISSING_PARENT) throw err;
      // The team database lacks a row this one still has (deleted there by hand, or restored
      // from an older backup): this push alone cannot fix it, so everything is sent once, and
      // what the server holds beyond it goes.
      return send(c, team, limits, readEverything(db), progress);
    }
  });
  // only now: if the process dies before this line, the next sync sends the same rows, unchanged
  clearOutbox(db, outbox.maxSeq);
  return changed;
}

/** One push in one server transaction; returns the rows the server changed. */
async function send(c: Server, team: Team, { wait, answer }: Limits, outbox: Outbox, progress?: (done: number, total: number) => void): Promise<number> {
  const total = outbox.tables.reduce((n, t) => n + t.deleted.length + (t.values[0]?.length ?? 0), 0);
  let done = 0;
  let changed = 0;
  await c.query('BEGIN');
  try {
    // held to COMMIT: a second sync as this rep (not under the local lock) waits here for this one,
    // but not for ever behind one that hangs
    // and a session whose client is gone (it will never send COMMIT) gives its lock back
    await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(wait))}; SET LOCAL idle_in_transaction_session_timeout = ${Math.max(1, Math.round(answer))}`);
    try {
      await c.patient(wait + answer, () => c.query(REP_LOCK));
    } catch (err) {
      if ((err as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw err;
      throw new FailureError(
        `another sync of ${team.rep} has held the team database at ${team.url.host}:${team.url.port} for ${Math.round(wait / 1000)} s; nothing was sent, try again later`,
      );
    }
    for (const t of [...outbox.tables].reverse()) {
      if (outbox.everything) {
        // children first, as the deletes below: the rows of this rep the local database no longer has
        const ids = pgArray(t.values[0] ?? []);
        changed += rowCount(await c.query(`DELETE FROM refer.${t.table} WHERE rep = current_user AND NOT (id = ANY($1::bigint[]))`, [ids]));
      }
      if (!t.deleted.length) continue;
      changed += rowCount(await c.query(`DELETE FROM refer.${t.table} WHERE rep = current_user AND id = ANY($1::bigint[])`, [pgArray(t.deleted)]));
      done += t.deleted.length;
      progress?.(done, total);
    }
    for (const t of outbox.tables) {
      const n = t.values[0]?.length ?? 0;
      if (!n) continue;
      const sql = upsertSql(t.table, t.columns);
      for (let i = 0; i < n; i += BATCH) {
        changed += rowCount(await c.query(sql, t.values.map((col) => pgArray(col.slice(i, i + BATCH)))));
        done += Math.min(BATCH, n - i);
        progress?.(done, total);
      }
    }
    // teammates pull only the reps whose version moved
    const me = await c.query('UPDATE refer.reps SET version = version + $1, synced_at = now() WHERE rep = current_user', [changed > 0 ? 1 : 0]);
    if (rowCount(me) === 0) {
      throw new FailureError(`${team.rep} is not a member of the team at ${team.url.host}:${team.url.port} any more; nothing was sent (run refer team join URL again)`);
    }
    await c.query('COMMIT');
    return changed;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** int8 as a JS number (local ids are SQLite integers); the rest as pg parses it. */
async function numberTypes() {
  const pg = await import('pg');
  const types = pg.default?.types ?? pg.types;
  return {
    getTypeParser: ((oid: number, format?: string) =>
      oid === 20 ? (v: string) => Number(v) : types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser,
  };
}

/** Rows per page of a pull: memory stays flat whatever a teammate holds. */
export const PAGE = 10_000;

async function pull(db: Db, team: Team, answer: number, received?: (rows: number) => void): Promise<number> {
  const known = new Map(cachedReps(db).map((r) => [r.rep, r]));
  const pulled = await onServer(team, answer, async (c): Promise<Pulled | undefined> => {
    // one round trip: the snapshot starts with the first query
    const results = (await c.query(
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT rep::text, name, version::text FROM refer.reps WHERE rep <> current_user ORDER BY rep',
    )) as unknown as QueryResult[];
    try {
      const reps = results[1]!.rows.map((r: { rep: string; name: string; version: string }) => ({ rep: r.rep, name: r.name, version: Number(r.version) }));
      const changed = reps.filter((r) => known.get(r.rep)?.version !== r.version).map((r) => r.rep);
      const same = reps.length === known.size && reps.every((r) => known.get(r.rep)?.name === r.name);
      if (!changed.length && same) return undefined;
      const staging = startStaging(db);
      let count = 0;
      const types = await numberTypes();
      for (const table of TABLES) {
        const select = cacheColumns(table)
          .map((col) => (pgType(col) === 'timestamptz' ? isoText(col) : col === 'rep' ? 'rep::text' : col))
          .join(', ');
        // each teammate's rows in id order, a page at a time (the primary key's range)
        for (const rep of changed) {
          let after: number | undefined;
          for (;;) {
            const r = await c.query({
              text: `SELECT ${select} FROM refer.${table} WHERE rep = $1${after === undefined ? '' : ' AND id > $2'} ORDER BY id LIMIT ${PAGE}`,
              values: after === undefined ? [rep] : [rep, after],
              rowMode: 'array',
              types,
            });
            const rows = r.rows as unknown[][];
            staging.add(table, rows);
            count += rows.length;
            if (rows.length) received?.(count);
            if (rows.length < PAGE) break;
            after = rows[rows.length - 1]![1] as number;
          }
        }
      }
      return { reps, changed };
    } finally {
      await c.query('COMMIT');
    }
  });
  return pulled ? writeCache(db, pulled) : 0;
}
