// Inserts for filling a database in bulk (the demo, benchmarks): every column given, no lookups,
// one prepared statement per table, positional parameters. The caller runs them inside one
// immediate transaction. Rows carry their own created_at, so history reads as it happened.
import type { Db } from '../open.js';
import type { Ask, Followup, Relation, Stage } from '../../core/model.js';
import type { StageFields } from '../../core/stages.js';
import type { ConnectionFields } from './connections.js';
import { type FitWriter, fitWriter } from './fit.js';

export type BulkRelation = Omit<Relation, 'id' | 'archivedAt'>;
export type BulkConnection = ConnectionFields & { relationId: number; source: 'manual' | 'linkedin' | 'csv'; shortlistedAt: string | null; createdAt: string };
export type BulkAsk = Omit<Ask, 'id'>;
export type BulkReferral = StageFields & { askId: number; connectionId: number; askedAt: string; value: number | null; updatedAt: string };
export interface BulkEvent {
  referralId: number;
  stage: Stage;
  at: string;
  value: number | null;
  note: string | null;
}
export type BulkFollowup = Omit<Followup, 'id'> & { createdAt: string; updatedAt: string };

export interface BulkWriter {
  relation(r: BulkRelation): number;
  nps(relationId: number, score: number, answeredAt: string, comment: string | null): void;
  moment(relationId: number, text: string, kind: string, occurredAt: string): void;
  connection(c: BulkConnection): number;
  ask(a: BulkAsk): number;
  referral(r: BulkReferral): number;
  event(e: BulkEvent): void;
  followup(f: BulkFollowup): void;
}

const flag = (v: boolean | null) => (v === null ? null : v ? 1 : 0);

export function bulkWriter(db: Db): BulkWriter {
  const relation = db.prepare(
    `INSERT INTO relations (name, company, role, linkedin, email, kind, trust, knows_audience, seller, sees_value, experienced_value,
       motivation, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const nps = db.prepare('INSERT INTO nps_answers (relation_id, score, answered_at, comment, created_at) VALUES (?, ?, ?, ?, ?)');
  const moment = db.prepare('INSERT INTO moments (relation_id, text, kind, occurred_at, created_at) VALUES (?, ?, ?, ?, ?)');
  const connection = db.prepare(
    `INSERT INTO connections (relation_id, name, title, company, industry, size, location, linkedin, email, connected_on, source,
       shortlisted_at, created_at, updated_at, fit, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // scored against the ICP as it is when the first connection is written (the demo saves it first)
  let fit: FitWriter | undefined;
  const ask = db.prepare(
    'INSERT INTO asks (relation_id, channel, kind, template, lang, asked_at, script, forward, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const referral = db.prepare(
    `INSERT INTO referrals (ask_id, connection_id, stage, reached, asked_at, agreed_at, introduced_at, meeting_at, opportunity_at, won_at,
       closed_at, value, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare('INSERT INTO referral_events (referral_id, stage, at, value, note, forced, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)');
  const followup = db.prepare(
    `INSERT INTO followups (uid, relation_id, ask_id, due_at, duration_minutes, note, done_at, done_note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const id = (info: { lastInsertRowid: number | bigint }) => Number(info.lastInsertRowid);

  return {
    relation: (r) =>
      id(
        relation.run(
          r.name, r.company, r.role, r.linkedin, r.email, r.kind, r.trust, flag(r.knowsAudience), flag(r.seller), flag(r.seesValue),
          flag(r.experiencedValue), r.motivation, r.note, r.createdAt, r.createdAt,
        ),
      ),
    nps: (relationId, score, answeredAt, comment) => void nps.run(relationId, score, answeredAt, comment, answeredAt),
    moment: (relationId, text, kind, occurredAt) => void moment.run(relationId, text, kind, occurredAt, occurredAt),
    connection: (c) =>
      id(
        connection.run(
          c.relationId, c.name, c.title, c.company, c.industry, c.size, c.location, c.linkedin, c.email, c.connectedOn, c.source,
          c.shortlistedAt, c.createdAt, c.shortlistedAt ?? c.createdAt, ...(fit ??= fitWriter(db)).values(c),
        ),
      ),
    ask: (a) => id(ask.run(a.relationId, a.channel, a.kind, a.template, a.lang, a.askedAt, a.script, a.forward, a.askedAt)),
    referral: (r) =>
      id(
        referral.run(
          r.askId, r.connectionId, r.stage, r.reached, r.askedAt, r.agreedAt, r.introducedAt, r.meetingAt, r.opportunityAt, r.wonAt,
          r.closedAt, r.value, r.updatedAt,
        ),
      ),
    event: (e) => void event.run(e.referralId, e.stage, e.at, e.value, e.note, e.at),
    followup: (f) =>
      void followup.run(f.uid, f.relationId, f.askId, f.dueAt, f.durationMinutes, f.note, f.doneAt, f.doneNote, f.createdAt, f.updatedAt),
  };
}

/**
 * Runs `load` in one immediate transaction, tuned for filling a new database: the rollback
 * journal in memory instead of a WAL that holds every page twice, and a 64 MB page cache so that
 * the indexes on times and UIDs, written in random order, stay in memory. Both settings are put
 * back afterwards. A crash halfway leaves a broken file, which is fine for a database being made.
 */
export function bulkLoad<T>(db: Db, load: () => T): T {
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('journal_mode = MEMORY');
  db.pragma('cache_size = -65536');
  try {
    return db.transaction(load).immediate();
  } finally {
    db.pragma(`cache_size = ${cache}`);
    db.pragma(`journal_mode = ${journal}`);
  }
}
