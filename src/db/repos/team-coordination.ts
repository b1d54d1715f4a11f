// The read side of the team cache for coordination: who among the teammates knows a person
// (`team who-knows`, `relation show`), and the rows `refer ask` and `refer today` check for a
// double ask. Only the cache of the last pull is read: this works offline, and costs a rep
// outside a team one lookup of the `team` row. The search goes through team_search (a trigram
// index, migration 006) for a superset; src/core/coordination.ts decides who is the same person.
import type { Db } from '../open.js';
import { REINDEX_TEAM_SEARCH } from '../migrations/006_team_cache_index.js';
import { foldText, linkedinKey, nameCompanyKey, samePerson, type PersonFacts } from '../../core/person.js';
import {
  COORDINATION,
  pipelineCollisions,
  recentAskCollisions,
  sameRelations,
  standing,
  type Collision,
  type TeamReferralFacts,
  type TeamRelationFacts,
  type WhoKnowsRow,
} from '../../core/coordination.js';

export interface TeamCacheState {
  /** this rep's role */
  rep: string;
  lastPullAt: string | null;
}

/** The team this database syncs with, or null outside a team. */
export function teamCacheState(db: Db): TeamCacheState | null {
  const row = db.prepare('SELECT rep, last_pull_at AS lastPullAt FROM team WHERE id = 1').get() as TeamCacheState | undefined;
  return row ?? null;
}

/** Whether any teammate's rows are cached at all (nothing to compare with otherwise). */
export function hasTeammates(db: Db): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM team_reps)').pluck().get() === 1;
}

/** A trigram phrase: the text with case, accents and spacing aside; null below three characters (no trigram). */
function phrase(text: string): string | null {
  const t = foldText(text);
  return [...t].length < 3 ? null : `"${t.replaceAll('"', '""')}"`;
}

type Entity = 'relation' | 'connection';

/** Columns that must contain a text. */
interface Term {
  columns: Array<'name' | 'company'>;
  text: string;
}

/** The keys under which team_people files a person: 'u:' and the LinkedIn URL, 'n:' and the name and company. */
function personKeys(p: PersonFacts): string[] {
  const url = linkedinKey(p.linkedin);
  return [`n:${nameCompanyKey(p)}`, ...(url === null ? [] : [`u:${url}`])];
}

/**
 * Brings the search indexes up to date for the teammates whose cached rows changed: in bulk, as
 * the pull writes the cache (src/db/repos/team-cache.ts), or before a search when something is
 * still noted. One teammate at a time, in one transaction (a savepoint inside the pull's).
 */
export function refreshTeamSearch(db: Db): void {
  if (db.prepare('SELECT EXISTS (SELECT 1 FROM team_search_stale)').pluck().get() !== 1) return;
  db.transaction(() => {
    db.exec(REINDEX_TEAM_SEARCH);
    const insert = db.prepare('INSERT INTO team_people (key, entity, rep, id) VALUES (?, ?, ?, ?)');
    const reps = db.prepare('SELECT rep FROM team_search_stale').pluck().all() as string[];
    for (const [entity, table] of [
      ['relation', 'team_relations'],
      ['connection', 'team_connections'],
    ] as const) {
      const read = db.prepare(`SELECT id, name, company, linkedin FROM ${table} WHERE rep = ?`);
      for (const rep of reps) {
        for (const row of read.all(rep) as Array<{ id: number } & PersonFacts>) {
          for (const key of personKeys(row)) insert.run(key, entity, rep, row.id);
        }
      }
    }
    db.prepare('DELETE FROM team_search_stale').run();
  })();
}

/**
 * The cached rows of `entity` whose columns contain one of the texts, as (rep, id); a text of
 * fewer than three characters, which the trigram index cannot seek, reads the cache table instead.
 */
function matching(db: Db, entity: Entity, terms: Term[]): Array<{ rep: string; id: number }> {
  refreshTeamSearch(db);
  const out: Array<{ rep: string; id: number }> = [];
  const fts: string[] = [];
  const table = entity === 'relation' ? 'team_relations' : 'team_connections';
  for (const t of terms) {
    const main = phrase(t.text);
    if (main !== null) {
      fts.push(`{${t.columns.join(' ')}} : ${main}`);
      continue;
    }
    const text = foldText(t.text);
    if (text === '') continue;
    const rows = db.prepare(`SELECT rep, id, ${t.columns.join(', ')} FROM ${table}`).all() as Array<Record<string, string | number | null>>;
    for (const r of rows) {
      if (t.columns.some((c) => typeof r[c] === 'string' && foldText(r[c] as string).includes(text))) out.push({ rep: r.rep as string, id: r.id as number });
    }
  }
  if (fts.length) {
    out.push(
      ...(db
        .prepare(`SELECT d.rep, d.id FROM team_search s JOIN team_search_docs d ON d.docid = s.rowid WHERE team_search MATCH ? AND d.entity = ?`)
        .all(fts.join(' OR '), entity) as Array<{ rep: string; id: number }>),
    );
  }
  return out;
}

/** Every cached record of `entity` that could be the same person as `p` (core/person.ts decides): a few index lookups. */
function personMatches(db: Db, entity: Entity, p: PersonFacts): Array<{ rep: string; id: number }> {
  refreshTeamSearch(db);
  return db
    .prepare('SELECT rep, id FROM team_people WHERE key IN (SELECT value FROM json_each(?)) AND entity = ?')
    .all(JSON.stringify(personKeys(p)), entity) as Array<{ rep: string; id: number }>;
}

const keysJson = (keys: Array<{ rep: string; id: number }>) => JSON.stringify(keys.map((k) => [k.rep, k.id]));

/** Teammates' connections whose name or company contains TEXT (a superset of what rankWhoKnows keeps). */
export function whoKnowsCandidates(db: Db, text: string): WhoKnowsRow[] {
  const seek = phrase(text);
  if (seek !== null) {
    // one statement from the index to the rows (the common case: a name or company of three characters or more)
    refreshTeamSearch(db);
    return db
      .prepare(
        `SELECT c.name, c.title, c.company, coalesce(p.name, c.rep) AS rep, r.name AS relation, r.nps_score AS npsScore
         FROM team_search s JOIN team_search_docs d ON d.docid = s.rowid
         JOIN team_connections c ON c.rep = d.rep AND c.id = d.id
         JOIN team_relations r ON r.rep = c.rep AND r.id = c.relation_id
         LEFT JOIN team_reps p ON p.rep = c.rep
         WHERE team_search MATCH ? AND d.entity = 'connection'`,
      )
      .all(`{name company} : ${seek}`) as WhoKnowsRow[];
  }
  const keys = matching(db, 'connection', [{ columns: ['name', 'company'], text }]);
  if (keys.length === 0) return [];
  return db
    .prepare(
      `WITH k (rep, id) AS (SELECT value ->> 0, value ->> 1 FROM json_each(?))
       SELECT c.name, c.title, c.company, coalesce(p.name, c.rep) AS rep, r.name AS relation, r.nps_score AS npsScore
       FROM k JOIN team_connections c ON c.rep = k.rep AND c.id = k.id
       JOIN team_relations r ON r.rep = c.rep AND r.id = c.relation_id
       LEFT JOIN team_reps p ON p.rep = c.rep`,
    )
    .all(keysJson(keys)) as WhoKnowsRow[];
}

/**
 * The teammates' relations that may be the same person as `p`, with their latest ask (the
 * relation's shared last ask date, or its latest cached ask, whichever is later).
 */
export function teamRelationsLike(db: Db, p: PersonFacts): TeamRelationFacts[] {
  const keys = personMatches(db, 'relation', p);
  if (keys.length === 0) return [];
  return db
    .prepare(
      `WITH k (rep, id) AS (SELECT DISTINCT value ->> 0, value ->> 1 FROM json_each(?))
       SELECT r.rep, coalesce(p.name, r.rep) AS repName, r.id, r.name, r.company, r.linkedin, r.nps_score AS npsScore,
         (SELECT max(x) FROM (SELECT r.last_ask_at AS x UNION ALL SELECT max(a.asked_at) FROM team_asks a WHERE a.rep = r.rep AND a.relation_id = r.id)) AS lastAskAt
       FROM k JOIN team_relations r ON r.rep = k.rep AND r.id = k.id
       LEFT JOIN team_reps p ON p.rep = r.rep`,
    )
    .all(keysJson(keys)) as TeamRelationFacts[];
}

/** The teammates' open referrals of people who may be the same as one of `referees`. */
export function teamReferralsOf(db: Db, referees: readonly PersonFacts[]): TeamReferralFacts[] {
  const keys = referees.flatMap((p) => personMatches(db, 'connection', p));
  if (keys.length === 0) return [];
  const open = JSON.stringify(COORDINATION.openStages);
  const rows = db
    .prepare(
      `WITH k (rep, id) AS (SELECT DISTINCT value ->> 0, value ->> 1 FROM json_each(?))
       SELECT f.rep, coalesce(p.name, f.rep) AS repName, c.name, c.company, c.linkedin, r.name AS relation, f.stage, f.asked_at AS askedAt
       FROM k JOIN team_connections c ON c.rep = k.rep AND c.id = k.id
       JOIN team_referrals f INDEXED BY team_referrals_connection ON f.rep = c.rep AND f.connection_id = c.id AND f.stage IN (SELECT value FROM json_each(?))
       JOIN team_asks a ON a.rep = f.rep AND a.id = f.ask_id
       JOIN team_relations r ON r.rep = a.rep AND r.id = a.relation_id
       LEFT JOIN team_reps p ON p.rep = f.rep`,
    )
    .all(keysJson(keys), open) as Array<Omit<TeamReferralFacts, 'person'> & { name: string; company: string | null; linkedin: string | null }>;
  return rows.map(({ name, company, linkedin, ...r }) => ({ ...r, person: { name, company, linkedin } }));
}

/** A teammate who knows a person: as their own relation, or as a connection of one of their relations. */
export interface TeammateKnows {
  rep: string;
  repName: string;
  as: 'relation' | 'connection';
  /** the teammate's relation: the person (as relation) or the one connected to them */
  relation: string;
  npsScore: number | null;
  lastAskAt: string | null;
  person: PersonFacts;
}

/** The teammates' connections that may be the same person as `p`, with the relation connected to them. */
export function teamConnectionsLike(db: Db, p: PersonFacts): TeammateKnows[] {
  const keys = personMatches(db, 'connection', p);
  if (keys.length === 0) return [];
  const rows = db
    .prepare(
      `WITH k (rep, id) AS (SELECT DISTINCT value ->> 0, value ->> 1 FROM json_each(?))
       SELECT c.rep, coalesce(p.name, c.rep) AS repName, r.name AS relation, r.nps_score AS npsScore, r.last_ask_at AS lastAskAt,
         c.name, c.company, c.linkedin
       FROM k JOIN team_connections c ON c.rep = k.rep AND c.id = k.id
       JOIN team_relations r ON r.rep = c.rep AND r.id = c.relation_id
       LEFT JOIN team_reps p ON p.rep = c.rep`,
    )
    .all(keysJson(keys)) as Array<Omit<TeammateKnows, 'as' | 'person'> & { name: string; company: string | null; linkedin: string | null }>;
  return rows.map(({ name, company, linkedin, ...r }) => ({ ...r, as: 'connection' as const, person: { name, company, linkedin } }));
}

/**
 * The double asks an ask would make, from the last pull: a teammate who asked the same relation
 * within 30 days, a referee in a teammate's open pipeline. Empty outside a team or without
 * teammates; `lastPullAt` says how old the answer is.
 */
export function askCollisions(
  db: Db,
  relation: PersonFacts,
  referees: readonly PersonFacts[],
  askedAt: Date,
): { collisions: Collision[]; lastPullAt: string | null } {
  const state = teamCacheState(db);
  if (state === null || !hasTeammates(db)) return { collisions: [], lastPullAt: state?.lastPullAt ?? null };
  return {
    collisions: [...recentAskCollisions(relation, teamRelationsLike(db, relation), askedAt), ...pipelineCollisions(referees, teamReferralsOf(db, referees))],
    lastPullAt: state.lastPullAt,
  };
}

/** The teammates who know the same person as `p`: as their relation, or as a connection of one of theirs. */
export function teammatesWhoKnow(db: Db, p: PersonFacts): TeammateKnows[] {
  if (!hasTeammates(db)) return [];
  const mine = { name: p.name, company: p.company ?? null, linkedin: p.linkedin ?? null };
  const asRelation: TeammateKnows[] = sameRelations(mine, teamRelationsLike(db, mine)).map((r) => ({
    rep: r.rep,
    repName: r.repName,
    as: 'relation',
    relation: r.name,
    npsScore: r.npsScore,
    lastAskAt: r.lastAskAt,
    person: { name: r.name, company: r.company ?? null, linkedin: r.linkedin ?? null },
  }));
  const asConnection = teamConnectionsLike(db, mine).filter((c) => samePerson(mine, c.person));
  return [...asRelation, ...asConnection].sort((a, b) => standing(a.npsScore) - standing(b.npsScore) || a.repName.localeCompare(b.repName));
}
