// The team cache's search index (migration 006) follows whatever writes the cache: a pull's
// inserts and deletes, an update, an INSERT OR REPLACE; short texts without a trigram still match.
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open.js';
import { rankWhoKnows } from '../../src/core/coordination.js';
import { askCollisions, teammatesWhoKnow, whoKnowsCandidates } from '../../src/db/repos/team-coordination.js';

function cache() {
  const db = openDb(':memory:');
  db.prepare("INSERT INTO team (id, url, rep, name, joined_at, last_pull_at) VALUES (1, 'postgres://me@h/db', 'me', 'Me', '2026-03-01T00:00:00Z', '2026-03-30T00:00:00Z')").run();
  db.prepare("INSERT INTO team_reps VALUES ('ana', 'Ana Lopez', 1), ('bo', 'Bo Berg', 1)").run();
  const rel = db.prepare('INSERT INTO team_relations (rep, id, name, company, linkedin, kind, nps_score, last_ask_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  rel.run('ana', 1, 'Émile de Vries', 'Brûlé BV', 'https://www.linkedin.com/in/emile-de-vries/', 'client', 10, '2026-03-20T10:00:00Z');
  rel.run('bo', 1, 'Frank Bos', 'Kade', null, 'client', 3, null);
  const conn = db.prepare('INSERT INTO team_connections (rep, id, relation_id, name, title, company, linkedin) VALUES (?, ?, ?, ?, ?, ?, ?)');
  conn.run('ana', 1, 1, 'Carla Ruiz', 'CFO', 'Nordwind', null);
  conn.run('bo', 7, 1, 'Li Wu', 'CTO', 'Nordwind', 'https://linkedin.com/in/li-wu');
  db.prepare("INSERT INTO team_asks VALUES ('ana', 1, 1, 'referral', 'email', 'referral/email.en', 'en', '2026-03-20T10:00:00Z')").run();
  db.prepare("INSERT INTO team_referrals (rep, id, ask_id, connection_id, stage, reached, asked_at) VALUES ('ana', 1, 1, 1, 'agreed', 'agreed', '2026-03-20T10:00:00Z')").run();
  return db;
}

const names = (db: ReturnType<typeof cache>, text: string) => rankWhoKnows(text, whoKnowsCandidates(db, text)).map((r) => r.name);

describe('the team search index', () => {
  it('finds by part of a name or a company, accents and case aside, and texts too short for a trigram', () => {
    const db = cache();
    expect(names(db, 'carla')).toEqual(['Carla Ruiz']);
    expect(names(db, 'NORDWIND')).toEqual(['Carla Ruiz', 'Li Wu']);
    expect(names(db, 'li')).toEqual(['Li Wu']);
    expect(names(db, 'Wu')).toEqual(['Li Wu']);
    expect(names(db, 'nobody')).toEqual([]);
  });

  it('follows updates, deletes and INSERT OR REPLACE of the cache', () => {
    const db = cache();
    db.prepare("UPDATE team_connections SET name = 'Carla Ruíz-Mendez' WHERE rep = 'ana' AND id = 1").run();
    expect(names(db, 'ruiz-mendez')).toEqual(['Carla Ruíz-Mendez']);
    db.prepare("INSERT OR REPLACE INTO team_connections (rep, id, relation_id, name, company) VALUES ('ana', 1, 1, 'Dana Stone', 'Nordwind')").run();
    expect(names(db, 'carla')).toEqual([]);
    expect(names(db, 'dana')).toEqual(['Dana Stone']);
    db.prepare("DELETE FROM team_connections WHERE rep = 'ana'").run();
    expect(names(db, 'Nordwind')).toEqual(['Li Wu']);
    expect(db.prepare('SELECT count(*) FROM team_search').pluck().get()).toBe(db.prepare('SELECT count(*) FROM team_search_docs').pluck().get());
  });

  it('finds the same person for the warnings by LinkedIn URL or by name and company', () => {
    const db = cache();
    const now = new Date('2026-03-31T12:00:00Z');
    const byUrl = askCollisions(db, { name: 'E. V.', company: null, linkedin: 'linkedin.com/in/Emile-De-Vries' }, [], now);
    expect(byUrl.collisions).toEqual([{ kind: 'asked', rep: 'ana', repName: 'Ana Lopez', relation: 'Émile de Vries', askedAt: '2026-03-20T10:00:00Z' }]);
    expect(byUrl.lastPullAt).toBe('2026-03-30T00:00:00Z');
    const pipeline = askCollisions(db, { name: 'Nobody', company: 'X' }, [{ name: 'carla ruiz', company: 'NORDWIND' }], now);
    expect(pipeline.collisions).toEqual([{ kind: 'pipeline', rep: 'ana', repName: 'Ana Lopez', person: 'carla ruiz', relation: 'Émile de Vries', stage: 'agreed', askedAt: '2026-03-20T10:00:00Z' }]);
    expect(teammatesWhoKnow(db, { name: 'Frank Bos', company: 'kade' }).map((t) => `${t.repName} ${t.as}`)).toEqual(['Bo Berg relation']);
  });

  it('costs nothing outside a team', () => {
    const db = openDb(':memory:');
    expect(askCollisions(db, { name: 'Émile de Vries', company: 'Brûlé BV' }, [], new Date())).toEqual({ collisions: [], lastPullAt: null });
  });
});
