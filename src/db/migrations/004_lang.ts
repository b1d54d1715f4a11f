// Migration 4 (languages): scripts in Danish and German, and value texts per language.
//
// Migration 1 limited the profile's and each ask's language to en and nl with a CHECK, which
// SQLite cannot change in place: both tables are rebuilt (SQLite's documented way: a new table,
// the rows copied with their ids, the old one dropped, the new one renamed), with the same
// columns, indexes and triggers, those of every migration before this one (the team's too: it
// runs after 005_team.ts; test/db/migration-lang.test.ts compares them before and after). The
// copy fires no trigger: the team outbox gets nothing from it. src/db/open.ts runs migrations with foreign keys off, so dropping
// the old asks deletes none of the referrals and follow-ups that refer to it, and checks them
// before it commits. The new CHECK tests only the shape of a language code: which languages exist
// is LANGS in src/core/model.ts, so that a language added later needs no table rebuild.
//
// profile_texts keeps the offer and value texts of languages other than the main one; the
// profile's own offer and value stay the main language's texts, as they are today.

export default `
CREATE TABLE profile_new (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT,
  company TEXT,
  offer TEXT,
  value TEXT,
  lang TEXT NOT NULL DEFAULT 'en' CHECK (lang GLOB '[a-z][a-z]'),
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO profile_new (id, name, company, offer, value, lang, updated_at)
  SELECT id, name, company, offer, value, lang, updated_at FROM profile;
DROP TABLE profile;
ALTER TABLE profile_new RENAME TO profile;

-- the trigger on referrals reads asks: a rename checks every trigger, so it is set aside meanwhile
DROP TRIGGER referrals_ask_kind;
CREATE TABLE asks_new (
  id INTEGER PRIMARY KEY,
  relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('call', 'email', 'linkedin', 'video')),
  kind TEXT NOT NULL DEFAULT 'referral' CHECK (kind IN ('referral', 'quote', 'review', 'event', 'beta')),
  template TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang GLOB '[a-z][a-z]'),
  asked_at TEXT NOT NULL,
  script TEXT NOT NULL,
  forward TEXT,
  created_at TEXT NOT NULL
) STRICT;
INSERT INTO asks_new (id, relation_id, channel, kind, template, lang, asked_at, script, forward, created_at)
  SELECT id, relation_id, channel, kind, template, lang, asked_at, script, forward, created_at FROM asks;
DROP TABLE asks;
ALTER TABLE asks_new RENAME TO asks;
CREATE INDEX asks_relation ON asks (relation_id, asked_at);
CREATE INDEX asks_asked_at ON asks (asked_at);
CREATE INDEX asks_kind ON asks (kind, relation_id, channel, template);
CREATE INDEX asks_kind_channel ON asks (kind, channel);
CREATE INDEX asks_kind_template ON asks (kind, template);
CREATE TRIGGER asks_kind_to_referrals AFTER UPDATE OF kind ON asks BEGIN
  UPDATE referrals SET ask_kind = NEW.kind WHERE ask_id = NEW.id;
END;
CREATE TRIGGER referrals_ask_kind AFTER INSERT ON referrals BEGIN
  UPDATE referrals SET ask_kind = (SELECT kind FROM asks WHERE id = NEW.ask_id) WHERE id = NEW.id;
END;
-- the team's change tracking on asks (005_team.ts, which runs before this one), as it made them
CREATE TRIGGER asks_team_insert AFTER INSERT ON asks WHEN EXISTS (SELECT 1 FROM team) BEGIN
  INSERT INTO team_outbox (entity, local_id) VALUES ('ask', NEW.id);
  INSERT INTO team_outbox (entity, local_id) VALUES ('relation', NEW.relation_id);
END;
CREATE TRIGGER asks_team_update AFTER UPDATE OF id, relation_id, kind, channel, template, lang, asked_at ON asks WHEN EXISTS (SELECT 1 FROM team) BEGIN
  INSERT INTO team_outbox (entity, local_id) VALUES ('ask', OLD.id);
  INSERT INTO team_outbox (entity, local_id) SELECT 'ask', NEW.id WHERE NEW.id <> OLD.id;
  INSERT INTO team_outbox (entity, local_id) VALUES ('relation', OLD.relation_id);
  INSERT INTO team_outbox (entity, local_id) SELECT 'relation', NEW.relation_id WHERE NEW.relation_id <> OLD.relation_id;
END;
CREATE TRIGGER asks_team_delete AFTER DELETE ON asks WHEN EXISTS (SELECT 1 FROM team) BEGIN
  INSERT INTO team_outbox (entity, local_id) VALUES ('ask', OLD.id);
  INSERT INTO team_outbox (entity, local_id) VALUES ('relation', OLD.relation_id);
END;

CREATE TABLE profile_texts (
  lang TEXT PRIMARY KEY CHECK (lang GLOB '[a-z][a-z]'),
  offer TEXT,
  value TEXT,
  updated_at TEXT NOT NULL
) STRICT;
`;
