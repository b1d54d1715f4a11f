// The vocabulary of the product, declared once. Everything else (schema CHECKs, flag validation,
// help text, templates) derives from these lists.

/** The languages of scripts, messages and lint rules; what each needs is in src/core/languages.ts. */
export const LANGS = ['en', 'nl', 'da', 'de'] as const;
export type Lang = (typeof LANGS)[number];

export const RELATION_KINDS = ['client', 'colleague', 'partner', 'candidate', 'friend', 'other'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const MOTIVATIONS = ['intrinsic', 'mercenary'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

export const MOMENT_KINDS = ['feedback', 'win', 'compliment', 'event'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

export const CHANNELS = ['call', 'email', 'linkedin', 'video'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The playbook's shortlist size: fewer is thin, more is a spam list. */
export const SHORTLIST = { min: 5, max: 10 } as const;

/** The ladder of asks: smaller asks first, the referral ask at the top. */
export const ASK_KINDS = ['referral', 'quote', 'review', 'event', 'beta'] as const;
export type AskKind = (typeof ASK_KINDS)[number];

/** The main path a referral climbs, in order. */
export const PATH_STAGES = ['asked', 'agreed', 'introduced', 'meeting', 'opportunity', 'won'] as const;
export type PathStage = (typeof PATH_STAGES)[number];
/** Where a referral can end off the path. */
export const END_STAGES = ['declined', 'lost'] as const;
export const STAGES = [...PATH_STAGES, ...END_STAGES] as const;
export type Stage = (typeof STAGES)[number];

/** What `refer stats --by` can put one row per. */
export const GROUP_BYS = ['relation', 'channel', 'template', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** The four ambassador criteria of the playbook, with their flag and column names. */
export const CRITERIA = [
  { key: 'knowsAudience', flag: 'knows-audience', column: 'knows_audience', label: 'knows your target audience' },
  { key: 'seller', flag: 'seller', column: 'seller', label: 'is a seller' },
  { key: 'seesValue', flag: 'sees-value', column: 'sees_value', label: 'sees the value for their relations' },
  { key: 'experiencedValue', flag: 'experienced-value', column: 'experienced_value', label: 'has experienced your value' },
] as const;
export type CriterionKey = (typeof CRITERIA)[number]['key'];

export type NpsClass = 'promoter' | 'passive' | 'detractor';

/** What you offer and the value you create, as written in one language. */
export interface ProfileTexts {
  offer: string | null;
  value: string | null;
}

export interface Profile {
  name: string | null;
  company: string | null;
  /** offer and value: in the main language, `lang` */
  offer: string | null;
  value: string | null;
  lang: Lang;
  /** offer and value in the other languages (`refer profile set --in L`) */
  texts?: Partial<Record<Lang, ProfileTexts>>;
}

export interface Icp {
  industries: string[];
  titles: string[];
  minSize: number | null;
  maxSize: number | null;
  regions: string[];
  excludeCompanies: string[];
}

export interface Relation {
  id: number;
  name: string;
  company: string | null;
  role: string | null;
  linkedin: string | null;
  email: string | null;
  kind: RelationKind;
  trust: number | null;
  /** null: not yet assessed; true/false: the rep's judgement */
  knowsAudience: boolean | null;
  seller: boolean | null;
  seesValue: boolean | null;
  experiencedValue: boolean | null;
  motivation: Motivation;
  note: string | null;
  archivedAt: string | null;
  createdAt: string;
}

export interface NpsAnswer {
  id: number;
  relationId: number;
  score: number;
  answeredAt: string;
  comment: string | null;
}

export interface Moment {
  id: number;
  relationId: number;
  text: string;
  kind: MomentKind;
  occurredAt: string;
}

export interface Connection {
  id: number;
  relationId: number;
  name: string;
  title: string | null;
  company: string | null;
  industry: string | null;
  size: number | null;
  location: string | null;
  linkedin: string | null;
  email: string | null;
  connectedOn: string | null;
  shortlisted: boolean;
}

export interface Ask {
  id: number;
  relationId: number;
  channel: Channel;
  kind: AskKind;
  template: string;
  lang: Lang;
  askedAt: string;
  script: string;
  forward: string | null;
}

export interface Referral {
  id: number;
  askId: number;
  connectionId: number;
  stage: Stage;
  /** the furthest stage on the main path that this referral reached */
  reached: PathStage;
  askedAt: string;
  value: number | null;
}

export interface ReferralEvent {
  id: number;
  referralId: number;
  stage: Stage;
  at: string;
  value: number | null;
  note: string | null;
}

export interface Followup {
  id: number;
  uid: string;
  relationId: number;
  askId: number | null;
  dueAt: string;
  durationMinutes: number;
  note: string | null;
  doneAt: string | null;
  doneNote: string | null;
}
