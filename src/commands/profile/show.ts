import type { Context } from '../../context.js';
import { LANGS, type Profile } from '../../core/model.js';
import { getProfile } from '../../db/repos/profile.js';

export function printProfile(ctx: Context, profile: Profile): void {
  if (ctx.json) return ctx.printJson(profile);
  ctx.table(
    [
      ['name', profile.name],
      ['company', profile.company],
      ['offer', profile.offer],
      ['value', profile.value],
      ['language', profile.lang],
      // the texts of the other languages, after the main language
      ...LANGS.filter((l) => profile.texts?.[l]).flatMap((l): [string, string | null][] => [
        [`offer (${l})`, profile.texts![l]!.offer],
        [`value (${l})`, profile.texts![l]!.value],
      ]),
    ],
    [
      { header: 'field', get: (r) => r[0] },
      { header: 'value', get: (r) => r[1] ?? '—' },
    ],
  );
}

export default async function profileShow(ctx: Context): Promise<void> {
  const db = await ctx.db();
  const profile = getProfile(db);
  if (!profile) {
    if (ctx.json) return ctx.printJson(null);
    ctx.info('No profile yet: run `refer init` (or `refer profile set --name … --value …`).');
    return;
  }
  printProfile(ctx, profile);
}
