// Migration 3 (speed): each connection's ICP fit score is stored when it is written, so that
// listing a relation's best-fitting connections reads those rows only, not their whole network
// re-scored. The reasons are worked out for the rows shown only.
//
// fit (0–100) is the score src/core/fit.ts gives for the ICP recorded in fit_icp; name_key
// orders names as refer does (src/core/text.ts nameSortKey). fit IS NULL means "not scored
// yet": a row written by code that does not score (or whose scored fields changed, see the
// trigger) is scored before it is read (src/db/repos/fit.ts); an ICP other than fit_icp's
// re-scores every connection. Existing rows start unscored.

export default `
ALTER TABLE connections ADD COLUMN fit INTEGER CHECK (fit BETWEEN 0 AND 100);
ALTER TABLE connections ADD COLUMN name_key TEXT;

-- the ICP the stored fits were scored against (src/db/repos/fit.ts icpStamp)
CREATE TABLE fit_icp (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  icp TEXT NOT NULL
) STRICT;

-- connection list REL --fit --limit 10: the relation's best fits in the order shown, ten rows
-- read; and a seek on (relation_id, fit IS NULL) finds the rows still to score
CREATE INDEX connections_fit ON connections (relation_id, fit DESC, (shortlisted_at IS NOT NULL) DESC, name_key);

-- a change to what the fit reads (or to the name) makes the stored fit stale: scored again on read
CREATE TRIGGER connections_fit_stale AFTER UPDATE OF name, title, company, industry, size, location ON connections
WHEN NEW.fit IS NOT NULL BEGIN
  UPDATE connections SET fit = NULL WHERE id = NEW.id;
END;
`;
