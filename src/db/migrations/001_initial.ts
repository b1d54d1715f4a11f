// Migration 1: the schema of the whole product. Append-only: never edit a migration that has
// shipped; add the next number instead. Times are ISO 8601 UTC text ("2026-11-25T09:30:00.000Z").

export default `
CREATE TABLE profile (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT,
  company TEXT,
  offer TEXT,
  value TEXT,
  lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'nl')),
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE icp (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  industries TEXT NOT NULL DEFAULT '[]',
  titles TEXT NOT NULL DEFAULT '[]',
  min_size INTEGER CHECK (min_size >= 0),
  max_size INTEGER CHECK (max_size >= 0),
  regions TEXT NOT NULL DEFAULT '[]',
  exclude_companies TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE relations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  company TEXT,
  role TEXT,
  linkedin TEXT,
  email TEXT,
  kind TEXT NOT NULL DEFAULT 'other'
    CHECK (kind IN ('client', 'colleague', 'partner', 'candidate', 'friend', 'other')),
  trust INTEGER CHECK (trust BETWEEN 1 AND 5),
  knows_audience INTEGER CHECK (knows_audience IN (0, 1)),
  seller INTEGER CHECK (seller IN (0, 1)),
  sees_value INTEGER CHECK (sees_value IN (0, 1)),
  experienced_value INTEGER CHECK (experienced_value IN (0, 1)),
  motivation TEXT NOT NULL DEFAULT 'intrinsic' CHECK (motivation IN ('intrinsic', 'mercenary')),
  note TEXT,
  archived_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX relations_name ON relations (name COLLATE NOCASE);

CREATE TABLE nps_answers (
  id INTEGER PRIMARY KEY,
  relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  answered_at TEXT NOT NULL,
  comment TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX nps_answers_relation ON nps_answers (relation_id, answered_at);

CREATE TABLE moments (
  id INTEGER PRIMARY KEY,
  relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
  text TEXT NOT NULL CHECK (length(trim(text)) > 0),
  kind TEXT NOT NULL DEFAULT 'feedback' CHECK (kind IN ('feedback', 'win', 'compliment', 'event')),
  occurred_at TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX moments_relation ON moments (relation_id, occurred_at);

CREATE TABLE connections (
  id INTEGER PRIMARY KEY,
  relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  title TEXT,
  company TEXT,
  industry TEXT,
  size INTEGER CHECK (size >= 0),
  location TEXT,
  linkedin TEXT,
  email TEXT,
  connected_on TEXT,
  source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'linkedin', 'csv')),
  shortlisted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX connections_relation ON connections (relation_id, name COLLATE NOCASE);
CREATE UNIQUE INDEX connections_relation_linkedin ON connections (relation_id, linkedin)
  WHERE linkedin IS NOT NULL;
-- relation list counts each relation's shortlist from this (tiny) index, not from the table
CREATE INDEX connections_shortlisted ON connections (relation_id) WHERE shortlisted_at IS NOT NULL;

CREATE TABLE asks (
  id INTEGER PRIMARY KEY,
  relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('call', 'email', 'linkedin', 'video')),
  kind TEXT NOT NULL DEFAULT 'referral' CHECK (kind IN ('referral', 'quote', 'review', 'event', 'beta')),
  template TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('en', 'nl')),
  asked_at TEXT NOT NULL,
  script TEXT NOT NULL,
  forward TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX asks_relation ON asks (relation_id, asked_at);
CREATE INDEX asks_asked_at ON asks (asked_at);
-- stats: the referral asks (their relation, channel, template) without reading the scripts,
-- in the order of each --by, so the figures are grouped without sorting
CREATE INDEX asks_kind ON asks (kind, relation_id, channel, template);
CREATE INDEX asks_kind_channel ON asks (kind, channel);
CREATE INDEX asks_kind_template ON asks (kind, template);

-- One row per connection named in an ask. stage is where it is now; reached is the furthest
-- stage on the main path it ever reached (kept on the row so stats never replay history);
-- the *_at columns are the first time each path stage was reached (a skipped stage takes the
-- date of the later one).
CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  ask_id INTEGER NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
  connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  stage TEXT NOT NULL DEFAULT 'asked'
    CHECK (stage IN ('asked', 'agreed', 'introduced', 'meeting', 'opportunity', 'won', 'declined', 'lost')),
  reached TEXT NOT NULL DEFAULT 'asked'
    CHECK (reached IN ('asked', 'agreed', 'introduced', 'meeting', 'opportunity', 'won')),
  asked_at TEXT NOT NULL,
  agreed_at TEXT,
  introduced_at TEXT,
  meeting_at TEXT,
  opportunity_at TEXT,
  won_at TEXT,
  closed_at TEXT,
  value REAL CHECK (value >= 0),
  updated_at TEXT NOT NULL,
  UNIQUE (ask_id, connection_id)
) STRICT;
-- covers the stats scan of a period: no row of the table is read
CREATE INDEX referrals_asked_at ON referrals (asked_at, ask_id, stage, reached, introduced_at, meeting_at, won_at);
-- stats: each ask's referrals with the milliseconds each median measures, so the figures are
-- aggregated from the index alone (src/db/repos/stats.ts MEDIAN_SQL writes the same expressions)
CREATE INDEX referrals_stats ON referrals (ask_id, asked_at, reached, stage,
  round((julianday(introduced_at) - julianday(asked_at)) * 86400000),
  round((julianday(meeting_at) - julianday(introduced_at)) * 86400000),
  round((julianday(won_at) - julianday(asked_at)) * 86400000));
CREATE INDEX referrals_connection ON referrals (connection_id);
CREATE INDEX referrals_stage ON referrals (stage, asked_at);
-- the referrals still waiting for an answer, per ask (readiness of every relation in relation list)
CREATE INDEX referrals_waiting ON referrals (ask_id) WHERE stage = 'asked';
-- today: since when each referral still asked (no answer) or agreed (no introduction) has waited;
-- NULL for the others, which a range on it skips
CREATE INDEX referrals_waiting_since ON referrals ((CASE stage WHEN 'agreed' THEN agreed_at WHEN 'asked' THEN asked_at END));

CREATE TABLE referral_events (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
  stage TEXT NOT NULL
    CHECK (stage IN ('asked', 'agreed', 'introduced', 'meeting', 'opportunity', 'won', 'declined', 'lost')),
  at TEXT NOT NULL,
  value REAL CHECK (value >= 0),
  note TEXT,
  forced INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX referral_events_referral ON referral_events (referral_id, at);

CREATE TABLE followups (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
  ask_id INTEGER REFERENCES asks (id) ON DELETE CASCADE,
  due_at TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL DEFAULT 15 CHECK (duration_minutes BETWEEN 1 AND 480),
  note TEXT,
  done_at TEXT,
  done_note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX followups_open_due ON followups (due_at) WHERE done_at IS NULL;
CREATE INDEX followups_due ON followups (due_at, done_at);
CREATE INDEX followups_relation ON followups (relation_id, due_at);
CREATE INDEX followups_ask ON followups (ask_id);

-- Where the guided playbook left each relation, so that it resumes there.
CREATE TABLE playbook_progress (
  relation_id INTEGER PRIMARY KEY REFERENCES relations (id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
) STRICT;
`;
