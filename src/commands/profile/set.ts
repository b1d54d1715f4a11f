import type { Context } from '../../context.js';
import type { Lang, Profile } from '../../core/model.js';
import { UsageError } from '../../errors.js';
import { getProfile, saveProfile } from '../../db/repos/profile.js';
import { printProfile } from './show.js';

export interface ProfileFlags {
  name?: string;
  company?: string;
  offer?: string;
  value?: string;
}

/** The profile fields from flags (and the global --lang); blank text clears a field. */
export function profileFields(opts: ProfileFlags, ctx: Context): Partial<Profile> {
  const fields: Partial<Profile> = {};
  for (const key of ['name', 'company', 'offer', 'value'] as const) {
    const v = opts[key];
    if (v !== undefined) fields[key] = v.trim() === '' ? null : v.trim();
  }
  if (ctx.langFlag) fields.lang = ctx.langFlag;
  return fields;
}

export default async function profileSet(ctx: Context, _args: string[], opts: ProfileFlags & { in?: Lang }): Promise<void> {
  const fields = profileFields(opts, ctx);
  if (opts.in !== undefined && fields.offer === undefined && fields.value === undefined) {
    throw new UsageError(`--in ${opts.in} says which language --offer and --value are in: pass one of them too`);
  }
  if (Object.keys(fields).length === 0) {
    throw new UsageError('nothing to set: pass --name, --company, --offer, --value or --lang');
  }
  const db = await ctx.db();
  const before = getProfile(db);
  const profile = saveProfile(db, fields, ctx.now(), { in: opts.in });
  printProfile(ctx, profile);
  if (!ctx.json) ctx.info(before ? 'Profile updated.' : 'Profile saved.');
}
