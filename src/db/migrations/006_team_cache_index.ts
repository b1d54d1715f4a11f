// Migration 6: the team cache, searchable. `refer team who-knows` finds a teammate's connection
// by a part of its name or company, and `refer ask` finds the same person among the teammates'
// relations and referees (src/core/person.ts), with case and accents aside, among hundreds of
// thousands of cached rows in a few milliseconds:
//
// - team_search: a trigram full-text index (FTS5, diacritics removed, contentless) of the names
//   and companies of the cached relations and connections. A trigram phrase matches any part of
//   the text, so the index finds a superset and src/core/coordination.ts decides.
// - team_people: each cached relation and connection under the keys of "the same person"
//   (src/core/person.ts): its LinkedIn URL, and its name and company with case and accents aside,
//   so the double-ask check of `refer ask` is a few index lookups.
//
// A pull replaces a teammate's rows wholesale, and a full-text index is slow to update row by row
// (ten times slower than in bulk). So the row triggers only note which teammates changed
// (team_search_stale); the pull brings both indexes up to date in bulk before it commits
// (refreshTeamSearch in src/db/repos/team-coordination.ts), and a search finds them up to date
// or does it first. Leaving the team empties them.

/** The SQL part of bringing the indexes up to date for the teammates noted in team_search_stale (team_people's rows are keyed in JS). */
export const REINDEX_TEAM_SEARCH = `
  DELETE FROM team_people WHERE rep IN (SELECT rep FROM team_search_stale);
  DELETE FROM team_search WHERE rowid IN (SELECT docid FROM team_search_docs WHERE rep IN (SELECT rep FROM team_search_stale));
  DELETE FROM team_search_docs WHERE rep IN (SELECT rep FROM team_search_stale);
  INSERT INTO team_search_docs (entity, rep, id)
    SELECT 'relation', rep, id FROM team_relations WHERE rep IN (SELECT rep FROM team_search_stale)
    UNION ALL SELECT 'connection', rep, id FROM team_connections WHERE rep IN (SELECT rep FROM team_search_stale);
  INSERT INTO team_search (rowid, name, company)
    SELECT d.docid, r.name, r.company FROM team_search_docs d JOIN team_relations r ON r.rep = d.rep AND r.id = d.id
      WHERE d.entity = 'relation' AND d.rep IN (SELECT rep FROM team_search_stale)
    UNION ALL
    SELECT d.docid, c.name, c.company FROM team_search_docs d JOIN team_connections c ON c.rep = d.rep AND c.id = d.id
      WHERE d.entity = 'connection' AND d.rep IN (SELECT rep FROM team_search_stale);`;

function noteStale(table: string): string {
  return `
CREATE TRIGGER ${table}_search_insert AFTER INSERT ON ${table} BEGIN
  INSERT OR IGNORE INTO team_search_stale (rep) VALUES (NEW.rep);
END;
CREATE TRIGGER ${table}_search_update AFTER UPDATE OF rep, id, name, company, linkedin ON ${table} BEGIN
  INSERT OR IGNORE INTO team_search_stale (rep) VALUES (OLD.rep);
  INSERT OR IGNORE INTO team_search_stale (rep) VALUES (NEW.rep);
END;
CREATE TRIGGER ${table}_search_delete AFTER DELETE ON ${table} BEGIN
  INSERT OR IGNORE INTO team_search_stale (rep) VALUES (OLD.rep);
END;`;
}

export default `
CREATE VIRTUAL TABLE team_search USING fts5(name, company, content = '', contentless_delete = 1, tokenize = 'trigram remove_diacritics 2');
-- which cached row each document is
CREATE TABLE team_search_docs (
  docid INTEGER PRIMARY KEY,
  entity TEXT NOT NULL CHECK (entity IN ('relation', 'connection')),
  rep TEXT NOT NULL,
  id INTEGER NOT NULL,
  UNIQUE (entity, rep, id)
) STRICT;
CREATE INDEX team_search_docs_rep ON team_search_docs (rep);
-- the keys of the same person: 'u:' and the LinkedIn URL, 'n:' and the name and company (folded)
CREATE TABLE team_people (
  key TEXT NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('relation', 'connection')),
  rep TEXT NOT NULL,
  id INTEGER NOT NULL
) STRICT;
CREATE INDEX team_people_key ON team_people (key, entity);
CREATE INDEX team_people_rep ON team_people (rep);
-- the teammates whose rows changed since the index was brought up to date
CREATE TABLE team_search_stale (rep TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
${noteStale('team_relations')}
${noteStale('team_connections')}
-- rows cached already are indexed by the next search
INSERT INTO team_search_stale (rep) SELECT rep FROM team_relations UNION SELECT rep FROM team_connections;
CREATE TRIGGER team_search_after_leave AFTER DELETE ON team BEGIN
  INSERT INTO team_search (team_search) VALUES ('delete-all');
  DELETE FROM team_search_docs;
  DELETE FROM team_people;
  DELETE FROM team_search_stale;
END;
-- a referee's referrals in a teammate's pipeline, a relation's asks (covering: without statistics
-- SQLite would rather read a rep's whole primary key range than look rows up from an index)
CREATE INDEX team_referrals_connection ON team_referrals (rep, connection_id, stage, ask_id, asked_at);
CREATE INDEX team_asks_relation ON team_asks (rep, relation_id, asked_at);
`;
