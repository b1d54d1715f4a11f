// Storing an ask: the ask with its script snapshot, one referral per connection and the
// follow-up, in one immediate transaction. Shared by `refer ask` and `refer playbook`, so both
// write exactly the same rows for the same draft.
import type { Db } from '../../db/open.js';
import { insertAsk } from '../../db/repos/asks.js';
import { insertFollowup } from '../../db/repos/followups.js';
import type { Draft } from './draft.js';

export interface Stored {
  askId: number;
  referralIds: number[];
  followupId: number;
  note: string;
}

/** The ask, its referrals and its follow-up: all stored, or nothing. Inside another transaction it becomes a savepoint. */
export function storeAsk(db: Db, draft: Draft, now: Date): Stored {
  return db
    .transaction((): Stored => {
      const { askId, referralIds } = insertAsk(
        db,
        {
          relationId: draft.relation.id,
          channel: draft.channel,
          kind: draft.kind,
          template: draft.template,
          lang: draft.lang,
          askedAt: draft.askedAt,
          script: draft.script,
          forward: draft.forward,
          connectionIds: draft.connections.map((c) => c.id),
        },
        now,
      );
      const note = draft.agendaNote ?? `Follow-up on ask ${askId}`;
      const followup = insertFollowup(
        db,
        { relationId: draft.relation.id, askId, dueAt: draft.followUpAt, durationMinutes: draft.followUpMinutes, note },
        now,
      );
      return { askId, referralIds, followupId: followup.id, note };
    })
    .immediate();
}
