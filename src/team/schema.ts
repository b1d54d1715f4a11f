// The team database's schema (PostgreSQL 14+), in schema `refer`: numbered, append-only
// migrations, each applied by `refer team setup` in its own transaction, the version kept in
// refer.meta. Never edit a migration that has shipped; append the next one.
//
// Security lives in the database, not in refer: every table has row-level security, enabled and
// forced. A member of the group role refer_member reads what the team shares and writes only rows
// whose owner (`rep`) is itself (`current_user`), so a forged owner is refused whatever client
// connects; a role outside refer_member has no privilege at all and reads nothing.

import type { Client } from 'pg';

/** The policies of one rep-owned table (written out in each migration: migrations never change). */
function ownedTable(table: string): string {
  return `
ALTER TABLE refer.${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE refer.${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_read ON refer.${table} FOR SELECT USING (pg_has_role(current_user, 'refer_member', 'MEMBER'));
CREATE POLICY ${table}_insert ON refer.${table} FOR INSERT WITH CHECK (rep = current_user);
CREATE POLICY ${table}_update ON refer.${table} FOR UPDATE USING (rep = current_user) WITH CHECK (rep = current_user);
CREATE POLICY ${table}_delete ON refer.${table} FOR DELETE USING (rep = current_user);
REVOKE ALL ON refer.${table} FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON refer.${table} TO refer_member;
`;
}

/** Append-only: migration i (from 0) brings the team schema from version i to i + 1. */
export const SERVER_MIGRATIONS: readonly string[] = [
  // 1: reps, and the shared part of relations, connections, asks and referrals
  `
CREATE SCHEMA IF NOT EXISTS refer;
REVOKE ALL ON SCHEMA refer FROM PUBLIC;
GRANT USAGE ON SCHEMA refer TO refer_member;

-- not forced: the owner (who runs setup) records the version here
CREATE TABLE refer.meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
ALTER TABLE refer.meta ENABLE ROW LEVEL SECURITY;
CREATE POLICY meta_read ON refer.meta FOR SELECT USING (pg_has_role(current_user, 'refer_member', 'MEMBER'));
REVOKE ALL ON refer.meta FROM PUBLIC;
GRANT SELECT ON refer.meta TO refer_member;

CREATE TABLE refer.reps (
  rep name PRIMARY KEY DEFAULT current_user,
  name text NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0,
  synced_at timestamptz
);
${ownedTable('reps')}

CREATE TABLE refer.relations (
  rep name NOT NULL DEFAULT current_user,
  id bigint NOT NULL,
  name text NOT NULL,
  company text,
  role text,
  linkedin text,
  kind text NOT NULL,
  nps_score int,
  nps_at timestamptz,
  last_ask_at timestamptz,
  PRIMARY KEY (rep, id)
);
${ownedTable('relations')}

CREATE TABLE refer.connections (
  rep name NOT NULL DEFAULT current_user,
  id bigint NOT NULL,
  relation_id bigint NOT NULL,
  name text NOT NULL,
  title text,
  company text,
  industry text,
  size int,
  location text,
  linkedin text,
  PRIMARY KEY (rep, id),
  FOREIGN KEY (rep, relation_id) REFERENCES refer.relations ON DELETE CASCADE
);
CREATE INDEX connections_relation ON refer.connections (rep, relation_id);
${ownedTable('connections')}

CREATE TABLE refer.asks (
  rep name NOT NULL DEFAULT current_user,
  id bigint NOT NULL,
  relation_id bigint NOT NULL,
  kind text NOT NULL,
  channel text NOT NULL,
  template text NOT NULL,
  lang text NOT NULL,
  asked_at timestamptz NOT NULL,
  PRIMARY KEY (rep, id),
  FOREIGN KEY (rep, relation_id) REFERENCES refer.relations ON DELETE CASCADE
);
CREATE INDEX asks_relation ON refer.asks (rep, relation_id);
${ownedTable('asks')}

CREATE TABLE refer.referrals (
  rep name NOT NULL DEFAULT current_user,
  id bigint NOT NULL,
  ask_id bigint NOT NULL,
  connection_id bigint NOT NULL,
  stage text NOT NULL,
  reached text NOT NULL,
  asked_at timestamptz NOT NULL,
  agreed_at timestamptz,
  introduced_at timestamptz,
  meeting_at timestamptz,
  opportunity_at timestamptz,
  won_at timestamptz,
  closed_at timestamptz,
  value double precision,
  PRIMARY KEY (rep, id),
  FOREIGN KEY (rep, ask_id) REFERENCES refer.asks ON DELETE CASCADE,
  FOREIGN KEY (rep, connection_id) REFERENCES refer.connections ON DELETE CASCADE
);
CREATE INDEX referrals_ask ON refer.referrals (rep, ask_id);
CREATE INDEX referrals_connection ON refer.referrals (rep, connection_id);
${ownedTable('referrals')}
`,
  // 2 (issue 14): \`refer team stats\` reads each rep's referral asks and their referrals from
  // covering indexes, joined in (rep, ask) order without a sort; a period is one range by time.
  `
CREATE INDEX asks_stats ON refer.asks (rep, id) INCLUDE (kind, channel, template);
CREATE INDEX referrals_stats ON refer.referrals (rep, ask_id) INCLUDE (asked_at, stage, reached, introduced_at, meeting_at, won_at);
CREATE INDEX referrals_asked_at ON refer.referrals (asked_at) INCLUDE (rep, ask_id, stage, reached, introduced_at, meeting_at, won_at);
-- the promoter ask rate: whether a relation was asked for a referral, from the index alone
CREATE INDEX asks_relation_kind ON refer.asks (rep, relation_id, kind);
`,
];

/** The newest team schema this refer knows. */
export const CLIENT_SCHEMA_VERSION = SERVER_MIGRATIONS.length;

/** The group role every rep's login role is a member of. */
export const MEMBER_ROLE = 'refer_member';

/** A lock key for `team setup`, so two setups of one database never interleave. */
const SETUP_LOCK = 'SELECT pg_advisory_lock(hashtext($1))';
const SETUP_UNLOCK = 'SELECT pg_advisory_unlock(hashtext($1))';
const LOCK_NAME = 'refer.team.setup';

export interface SetupResult {
  /** the version before and after */
  from: number;
  to: number;
  /** whether refer_member was created now (it is cluster-wide: it may exist already) */
  createdRole: boolean;
}

/**
 * Creates or upgrades the team schema and the group role. Safe to repeat; a server newer than
 * this refer is refused and left untouched (`refuse` builds that error).
 */
export async function setupSchema(
  client: Client,
  refuse: (version: number) => Error,
  /** stop at this version (tests: a database set up by an earlier refer) */
  upTo: number = CLIENT_SCHEMA_VERSION,
): Promise<SetupResult> {
  await client.query(SETUP_LOCK, [LOCK_NAME]);
  try {
    const from = await serverSchemaVersion(client);
    // a newer team schema: refused before anything is created
    if (from > CLIENT_SCHEMA_VERSION) throw refuse(from);
    const createdRole = await ensureRole(client);
    for (let v = from; v < upTo; v++) {
      await client.query('BEGIN');
      try {
        await client.query(SERVER_MIGRATIONS[v]!);
        await client.query(
          `INSERT INTO refer.meta (key, value) VALUES ('schema_version', $1)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
          [String(v + 1)],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
    }
    return { from, to: Math.max(from, upTo), createdRole };
  } finally {
    await client.query(SETUP_UNLOCK, [LOCK_NAME]).catch(() => {});
  }
}

/** refer_member, NOLOGIN, created when absent (roles belong to the whole server, not one database). */
async function ensureRole(client: Client): Promise<boolean> {
  const exists = await client.query(`SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1`, [MEMBER_ROLE]);
  if (exists.rowCount) return false;
  try {
    await client.query(`CREATE ROLE ${MEMBER_ROLE} NOLOGIN`);
    return true;
  } catch (err) {
    // another setup (of another database on this server) created it meanwhile
    const code = (err as { code?: string }).code;
    if (code === '42710' || code === '23505') return false;
    throw err;
  }
}

/** The server's schema version: 0 when the database was never set up. */
export async function serverSchemaVersion(client: Client): Promise<number> {
  // from the catalog, which every role may read (a role outside refer_member then fails on the
  // table itself, with its own message)
  const reg = await client.query<{ t: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'refer' AND c.relname = 'meta') AS t`,
  );
  if (!reg.rows[0]?.t) return 0;
  const r = await client.query<{ value: string }>(`SELECT value FROM refer.meta WHERE key = 'schema_version'`);
  return r.rows[0] ? Number(r.rows[0].value) : 0;
}
