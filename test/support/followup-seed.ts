// Stores an ask as `refer ask` does (relation, connections, the ask with its referrals, the
// follow-up it books) straight through the repos, so that follow-up and outcome tests do not
// depend on the ask command's drafting.
import { openDb } from '../../src/db/open.js';
import { insertAsk } from '../../src/db/repos/asks.js';
import { insertConnection } from '../../src/db/repos/connections.js';
import { insertFollowup } from '../../src/db/repos/followups.js';
import { insertRelation, listRelations } from '../../src/db/repos/relations.js';

export interface SeededAsk {
  relationId: number;
  askId: number;
  referralIds: number[];
  followupId: number;
  uid: string;
}

export interface AskSeed {
  relation: string;
  referees: string[];
  askedAt: Date;
  dueAt: Date;
  note?: string | null;
  minutes?: number;
}

export function seedAsk(dbPath: string, seed: AskSeed): SeededAsk {
  const db = openDb(dbPath);
  try {
    return db
      .transaction(() => {
        const now = seed.askedAt;
        const existing = listRelations(db, { includeArchived: true }).find((r) => r.name === seed.relation);
        const relationId = existing?.id ?? insertRelation(db, { name: seed.relation, trust: 5 }, now);
        const connectionIds = seed.referees.map((name) =>
          insertConnection(
            db,
            relationId,
            { name, title: 'COO', company: null, industry: null, size: null, location: null, linkedin: null, email: null, connectedOn: null },
            'manual',
            now,
          ),
        );
        const { askId, referralIds } = insertAsk(
          db,
          { relationId, channel: 'email', kind: 'referral', template: 'referral/email.en', lang: 'en', askedAt: seed.askedAt, script: 'Would they be helped?', forward: null, connectionIds },
          now,
        );
        const followup = insertFollowup(
          db,
          { relationId, askId, dueAt: seed.dueAt, durationMinutes: seed.minutes ?? 15, note: seed.note === undefined ? `Follow-up on ask ${askId}` : seed.note },
          now,
        );
        return { relationId, askId, referralIds, followupId: followup.id, uid: followup.uid };
      })
      .immediate();
  } finally {
    db.close();
  }
}

/** The rows follow-ups and outcomes write, to show that a refused command changed nothing. */
export function snapshot(dbPath: string): string {
  const db = openDb(dbPath);
  try {
    return JSON.stringify(['followups', 'referrals', 'referral_events'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()));
  } finally {
    db.close();
  }
}
