import { CRITERIA } from '../../core/model.js';
import type { RelationFields } from '../../db/repos/relations.js';

export interface RelationFlags {
  name?: string;
  company?: string;
  role?: string;
  linkedin?: string;
  email?: string;
  kind?: RelationFields['kind'];
  trust?: number;
  knowsAudience?: boolean;
  seller?: boolean;
  seesValue?: boolean;
  experiencedValue?: boolean;
  motivation?: RelationFields['motivation'];
  note?: string;
}

const text = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v.trim());

/** The fields that the flags set (undefined: not given). Blank text clears a field. */
export function relationFields(opts: RelationFlags): RelationFields {
  const fields: RelationFields = {
    company: text(opts.company),
    role: text(opts.role),
    linkedin: text(opts.linkedin),
    email: text(opts.email),
    kind: opts.kind,
    trust: opts.trust,
    motivation: opts.motivation,
    note: text(opts.note),
  };
  for (const c of CRITERIA) fields[c.key] = opts[c.key];
  return fields;
}
