// What a rep shares with the team, declared once. The push and the pull send and store exactly
// these columns; docs/team.md's table and the privacy test derive from this file. Anything not
// named here never leaves the laptop.

/** The server tables a rep's rows go to, with the columns sent (besides `rep` and `id`). */
export const SHARED = {
  relations: ['name', 'company', 'role', 'linkedin', 'kind', 'nps_score', 'nps_at', 'last_ask_at'],
  connections: ['relation_id', 'name', 'title', 'company', 'industry', 'size', 'location', 'linkedin'],
  asks: ['relation_id', 'kind', 'channel', 'template', 'lang', 'asked_at'],
  referrals: [
    'ask_id',
    'connection_id',
    'stage',
    'reached',
    'asked_at',
    'agreed_at',
    'introduced_at',
    'meeting_at',
    'opportunity_at',
    'won_at',
    'closed_at',
    'value',
  ],
} as const satisfies Record<string, readonly string[]>;

export type SharedTable = keyof typeof SHARED;

/** The rep's own row: the name teammates see. */
export const SHARED_REP = ['name'] as const;

/** Outbox entities (src/db/migrations/005_team.ts) and the table each one is. */
export const ENTITY_TABLE = {
  relation: 'relations',
  connection: 'connections',
  ask: 'asks',
  referral: 'referrals',
} as const satisfies Record<string, SharedTable>;

export type Entity = keyof typeof ENTITY_TABLE;

/** The push order: a parent before its children (deletes go the other way). */
export const PUSH_ORDER: readonly Entity[] = ['relation', 'connection', 'ask', 'referral'];

/**
 * Shared columns that are not a local column of the same name: how each is derived from the
 * local database (the latest NPS answer, the latest ask).
 */
export const DERIVED: Partial<Record<SharedTable, Record<string, string>>> = {
  relations: {
    nps_score: 'the score of the latest NPS answer',
    nps_at: 'the date of the latest NPS answer',
    last_ask_at: 'the date of the latest ask',
  },
};

/** What is never shared: the local data that stays on the laptop, for the docs and the privacy test. */
export const NEVER_SHARED: ReadonlyArray<{ what: string; local: readonly string[] }> = [
  { what: 'e-mail addresses', local: ['relations.email', 'connections.email'] },
  { what: 'notes', local: ['relations.note', 'followups.note', 'followups.done_note', 'referral_events.note'] },
  { what: 'moments', local: ['moments.text'] },
  { what: 'NPS comments', local: ['nps_answers.comment'] },
  { what: 'scripts and forwardable messages', local: ['asks.script', 'asks.forward'] },
  { what: 'follow-ups', local: ['followups'] },
  { what: 'trust and the ambassador checks', local: ['relations.trust', 'relations.knows_audience', 'relations.seller', 'relations.sees_value', 'relations.experienced_value', 'relations.motivation'] },
  { what: 'your profile, ICP and playbook progress', local: ['profile', 'icp', 'playbook_progress'] },
];

/** Human names of the shared columns, for the docs table. */
export const LABELS: Record<SharedTable, string> = {
  relations: 'relations',
  connections: 'connections',
  asks: 'asks',
  referrals: 'referrals',
};
