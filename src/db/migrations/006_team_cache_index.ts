// Migration 6: the team cache, searchable. `refer team who-knows` finds a teammate's connection
// by a part of its name or company, and `refer ask` finds the same person among the teammates'
// relations and referees (src/core/person.ts), with case and accents aside, among hundreds of
// thousands of cached rows in a few milliseconds: a trigram full-text index (FTS5, diacritics
// removed) of the names, companies and LinkedIn URLs of the cached relations and connections.
// A trigram phrase matches any part of the text, so the index finds a superset and
// src/core/coordination.ts decides. Kept by triggers whatever writes the cache (the pull of
// src/team/sync.ts, an INSERT OR REPLACE, a delete): team_search_docs ties each document to its row.

export default `
CREATE VIRTUAL TABLE team_search USING fts5(name, company, linkedin, tokenize = 'trigram remove_diacritics 2');
-- a deleted row leaves nothing of its text in the index (a teammate's erased person is gone)
INSERT INTO team_search (team_search, rank) VALUES ('secure-delete', 1);
CREATE TABLE team_search_docs (
  entity TEXT NOT NULL CHECK (entity IN ('relation', 'connection')),
  rep TEXT NOT NULL,
  id INTEGER NOT NULL,
  docid INTEGER NOT NULL,
  PRIMARY KEY (entity, rep, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX team_search_docs_docid ON team_search_docs (docid);

CREATE TRIGGER team_relations_search_insert AFTER INSERT ON team_relations BEGIN
  DELETE FROM team_search WHERE rowid = (SELECT docid FROM team_search_docs WHERE entity = 'relation' AND rep = NEW.rep AND id = NEW.id);
  INSERT INTO team_search (name, company, linkedin) VALUES (NEW.name, NEW.company, NEW.linkedin);
  INSERT OR REPLACE INTO team_search_docs (entity, rep, id, docid) VALUES ('relation', NEW.rep, NEW.id, last_insert_rowid());
END;
CREATE TRIGGER team_relations_search_update AFTER UPDATE OF name, company, linkedin ON team_relations BEGIN
  DELETE FROM team_search WHERE rowid = (SELECT docid FROM team_search_docs WHERE entity = 'relation' AND rep = OLD.rep AND id = OLD.id);
  DELETE FROM team_search_docs WHERE entity = 'relation' AND rep = OLD.rep AND id = OLD.id;
  INSERT INTO team_search (name, company, linkedin) VALUES (NEW.name, NEW.company, NEW.linkedin);
  INSERT OR REPLACE INTO team_search_docs (entity, rep, id, docid) VALUES ('relation', NEW.rep, NEW.id, last_insert_rowid());
END;
CREATE TRIGGER team_relations_search_delete AFTER DELETE ON team_relations BEGIN
  DELETE FROM team_search WHERE rowid = (SELECT docid FROM team_search_docs WHERE entity = 'relation' AND rep = OLD.rep AND id = OLD.id);
  DELETE FROM team_search_docs WHERE entity = 'relation' AND rep = OLD.rep AND id = OLD.id;
END;

CREATE TRIGGER team_connections_search_insert AFTER INSERT ON team_connections BEGIN
  DELETE FROM team_search WHERE rowid = (SELECT docid FROM team_search_docs WHERE entity = 'connection' AND rep = NEW.rep AND id = NEW.id);
  INSERT INTO team_search (name, company, linkedin) VALUES (NEW.name, NEW.company, NEW.linkedin);
  INSERT OR REPLACE INTO team_search_docs (entity, rep, id, docid) VALUES ('connection', NEW.rep, NEW.id, last_insert_rowid());
END;
CREATE TRIGGER team_connections_search_update AFTER UPDATE OF name, company, linkedin ON team_connections BEGIN
  DELETE FROM team_search WHERE rowid = (SELECT docid FROM team_search_docs WHERE entity = 'connection' AND rep = OLD.rep AND id = OLD.id);
  DELETE FROM team_search_docs WHERE entity = 'connection' AND rep = OLD.rep AND id = OLD.id;
  INSERT INTO team_search (name, company, linkedin) VALUES (NEW.name, NEW.company, NEW.linkedin);
  INSERT OR REPLACE INTO team_search_docs (entity, rep, id, docid) VALUES ('connection', NEW.rep, NEW.id, last_insert_rowid());
END;
CREATE TRIGGER team_connections_search_delete AFTER DELETE ON team_connections BEGIN
  DELETE FROM team_search WHERE rowid = (SELECT docid FROM team_search_docs WHERE entity = 'connection' AND rep = OLD.rep AND id = OLD.id);
  DELETE FROM team_search_docs WHERE entity = 'connection' AND rep = OLD.rep AND id = OLD.id;
END;

-- the rows cached already
CREATE TEMP TABLE team_search_fill AS SELECT 'relation' AS entity, rep, id, name, company, linkedin FROM team_relations
  UNION ALL SELECT 'connection', rep, id, name, company, linkedin FROM team_connections;
INSERT INTO team_search (rowid, name, company, linkedin) SELECT rowid, name, company, linkedin FROM temp.team_search_fill;
INSERT INTO team_search_docs (entity, rep, id, docid) SELECT entity, rep, id, rowid FROM temp.team_search_fill;
DROP TABLE temp.team_search_fill;

-- a referee's referrals in a teammate's pipeline, a relation's asks (covering: without statistics
-- SQLite would rather read a rep's whole primary key range than look rows up from an index)
CREATE INDEX team_referrals_connection ON team_referrals (rep, connection_id, stage, ask_id, asked_at);
CREATE INDEX team_asks_relation ON team_asks (rep, relation_id, asked_at);
`;
