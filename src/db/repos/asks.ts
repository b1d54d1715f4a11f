import type { Db } from '../open.js';
import type { Ask, Stage } from '../../core/model.js';

export interface ReferralHistory {
  id: number;
  askId: number;
  connectionId: number;
  connection: string;
  stage: Stage;
  value: number | null;
  history: Array<{ stage: Stage; at: string; value: number | null; note: string | null }>;
}

export type AskSummary = Omit<Ask, 'script' | 'forward'> & { referrals: ReferralHistory[] };

/** A relation's asks, oldest first, each with its referrals and their stage history. */
export function asksOfRelation(db: Db, relationId: number): AskSummary[] {
  const asks = db
    .prepare(
      `SELECT id, relation_id AS relationId, channel, kind, template, lang, asked_at AS askedAt
       FROM asks WHERE relation_id = ? ORDER BY asked_at, id`,
    )
    .all(relationId) as Array<Omit<Ask, 'script' | 'forward'>>;
  const referrals = db
    .prepare(
      `SELECT f.id, f.ask_id AS askId, f.connection_id AS connectionId, c.name AS connection, f.stage, f.value
       FROM referrals f JOIN asks a ON a.id = f.ask_id JOIN connections c ON c.id = f.connection_id
       WHERE a.relation_id = ? ORDER BY f.id`,
    )
    .all(relationId) as Array<Omit<ReferralHistory, 'history'>>;
  const events = db
    .prepare(
      `SELECT e.referral_id AS referralId, e.stage, e.at, e.value, e.note
       FROM referral_events e JOIN referrals f ON f.id = e.referral_id JOIN asks a ON a.id = f.ask_id
       WHERE a.relation_id = ? ORDER BY e.at, e.id`,
    )
    .all(relationId) as Array<ReferralHistory['history'][number] & { referralId: number }>;
  const byReferral = new Map<number, ReferralHistory>();
  const byAsk = new Map<number, AskSummary>(asks.map((a) => [a.id, { ...a, referrals: [] }]));
  for (const r of referrals) {
    const full = { ...r, history: [] };
    byReferral.set(r.id, full);
    byAsk.get(r.askId)?.referrals.push(full);
  }
  for (const { referralId, ...e } of events) byReferral.get(referralId)?.history.push(e);
  return [...byAsk.values()];
}

export interface NewAsk {
  relationId: number;
  channel: Ask['channel'];
  kind: Ask['kind'];
  template: string;
  lang: Ask['lang'];
  askedAt: Date;
  script: string;
  forward: string | null;
  connectionIds: number[];
}

/**
 * Stores an ask with its script snapshot and one referral per connection at stage `asked` (with
 * the first history event). Call inside a transaction together with the follow-up it books.
 */
export function insertAsk(db: Db, ask: NewAsk, now: Date): { askId: number; referralIds: number[] } {
  const askedAt = ask.askedAt.toISOString();
  const at = now.toISOString();
  const info = db
    .prepare(
      `INSERT INTO asks (relation_id, channel, kind, template, lang, asked_at, script, forward, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(ask.relationId, ask.channel, ask.kind, ask.template, ask.lang, askedAt, ask.script, ask.forward, at);
  const askId = Number(info.lastInsertRowid);
  const referral = db.prepare(
    `INSERT INTO referrals (ask_id, connection_id, stage, reached, asked_at, updated_at) VALUES (?, ?, 'asked', 'asked', ?, ?)`,
  );
  const event = db.prepare(`INSERT INTO referral_events (referral_id, stage, at, created_at) VALUES (?, 'asked', ?, ?)`);
  const referralIds = ask.connectionIds.map((connectionId) => {
    const id = Number(referral.run(askId, connectionId, askedAt, at).lastInsertRowid);
    event.run(id, askedAt, at);
    return id;
  });
  return { askId, referralIds };
}

export function getAsk(db: Db, id: number): Ask | undefined {
  return db
    .prepare(
      `SELECT id, relation_id AS relationId, channel, kind, template, lang, asked_at AS askedAt, script, forward FROM asks WHERE id = ?`,
    )
    .get(id) as Ask | undefined;
}
