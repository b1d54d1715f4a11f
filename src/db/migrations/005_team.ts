// Migration: the team (issue "Team, part 1"). Append-only.
//
// - `team`: the one team this database syncs with (the URL without its password). No row: not
//   in a team, and the triggers below cost nothing but one lookup of an empty table.
// - `team_outbox`: every change to a shared row, written by triggers in the same transaction as
//   the change (whatever writes it: a command, the demo, a restore). The push reads it up to a
//   seq, sends each row's current values (a row gone locally is a delete) and deletes the outbox
//   rows only after the server's COMMIT: a sync cut off anywhere loses nothing and sends nothing
//   twice (the server's upserts are keyed by rep and local id).
// - `team_reps`, `team_relations`, … : a read-only cache of what teammates share, written only by
//   the pull, so that who-knows and the coordination warnings work offline.
//
// UPDATE triggers fire only when a shared column (src/team/shared.ts) changed.

const IN_TEAM = 'WHEN EXISTS (SELECT 1 FROM team)';

function track(table: string, entity: string, columns: string, extra?: { entity: string; column: string }): string {
  const also = (row: 'NEW' | 'OLD') => (extra ? `\n  INSERT INTO team_outbox (entity, local_id) VALUES ('${extra.entity}', ${row}.${extra.column});` : '');
  return `
CREATE TRIGGER ${table}_team_insert AFTER INSERT ON ${table} ${IN_TEAM} BEGIN
  INSERT INTO team_outbox (entity, local_id) VALUES ('${entity}', NEW.id);${also('NEW')}
END;
CREATE TRIGGER ${table}_team_update AFTER UPDATE OF ${columns} ON ${table} ${IN_TEAM} BEGIN
  INSERT INTO team_outbox (entity, local_id) VALUES ('${entity}', OLD.id);
  INSERT INTO team_outbox (entity, local_id) SELECT '${entity}', NEW.id WHERE NEW.id <> OLD.id;${also('OLD')}${extra ? `\n  INSERT INTO team_outbox (entity, local_id) SELECT '${extra.entity}', NEW.${extra.column} WHERE NEW.${extra.column} <> OLD.${extra.column};` : ''}
END;
CREATE TRIGGER ${table}_team_delete AFTER DELETE ON ${table} ${IN_TEAM} BEGIN
  INSERT INTO team_outbox (entity, local_id) VALUES ('${entity}', OLD.id);${also('OLD')}
END;`;
}

export default `
CREATE TABLE team (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL,
  rep TEXT NOT NULL,
  name TEXT NOT NULL,
  joined_at TEXT NOT NULL,
  last_sync_at TEXT,
  last_pull_at TEXT,
  server_version INTEGER
) STRICT;

CREATE TABLE team_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL CHECK (entity IN ('relation', 'connection', 'ask', 'referral')),
  local_id INTEGER NOT NULL
) STRICT;
${track('relations', 'relation', 'id, name, company, role, linkedin, kind')}
${track('connections', 'connection', 'id, relation_id, name, title, company, industry, size, location, linkedin')}
${track('asks', 'ask', 'id, relation_id, kind, channel, template, lang, asked_at', { entity: 'relation', column: 'relation_id' })}
${track('referrals', 'referral', 'id, ask_id, connection_id, stage, reached, asked_at, agreed_at, introduced_at, meeting_at, opportunity_at, won_at, closed_at, value')}

-- the latest NPS answer is the relation's shared score
CREATE TRIGGER nps_answers_team_insert AFTER INSERT ON nps_answers ${IN_TEAM} BEGIN
  INSERT INTO team_outbox (entity, local_id) VALUES ('relation', NEW.relation_id);
END;
CREATE TRIGGER nps_answers_team_update AFTER UPDATE OF relation_id, score, answered_at ON nps_answers ${IN_TEAM} BEGIN
  INSERT INTO team_outbox (entity, local_id) VALUES ('relation', OLD.relation_id);
  INSERT INTO team_outbox (entity, local_id) SELECT 'relation', NEW.relation_id WHERE NEW.relation_id <> OLD.relation_id;
END;
CREATE TRIGGER nps_answers_team_delete AFTER DELETE ON nps_answers ${IN_TEAM} BEGIN
  INSERT INTO team_outbox (entity, local_id) VALUES ('relation', OLD.relation_id);
END;

-- what teammates share (rows of other reps), written only by the pull
CREATE TABLE team_reps (
  rep TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE team_relations (
  rep TEXT NOT NULL,
  id INTEGER NOT NULL,
  name TEXT NOT NULL,
  company TEXT,
  role TEXT,
  linkedin TEXT,
  kind TEXT NOT NULL,
  nps_score INTEGER,
  nps_at TEXT,
  last_ask_at TEXT,
  PRIMARY KEY (rep, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE team_connections (
  rep TEXT NOT NULL,
  id INTEGER NOT NULL,
  relation_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT,
  company TEXT,
  industry TEXT,
  size INTEGER,
  location TEXT,
  linkedin TEXT,
  PRIMARY KEY (rep, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE team_asks (
  rep TEXT NOT NULL,
  id INTEGER NOT NULL,
  relation_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  template TEXT NOT NULL,
  lang TEXT NOT NULL,
  asked_at TEXT NOT NULL,
  PRIMARY KEY (rep, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE team_referrals (
  rep TEXT NOT NULL,
  id INTEGER NOT NULL,
  ask_id INTEGER NOT NULL,
  connection_id INTEGER NOT NULL,
  stage TEXT NOT NULL,
  reached TEXT NOT NULL,
  asked_at TEXT NOT NULL,
  agreed_at TEXT,
  introduced_at TEXT,
  meeting_at TEXT,
  opportunity_at TEXT,
  won_at TEXT,
  closed_at TEXT,
  value REAL,
  PRIMARY KEY (rep, id)
) STRICT, WITHOUT ROWID;
`;
