import type { Context } from '../../context.js';
import { icpFit } from '../../core/fit.js';
import { cleanName } from '../../core/text.js';
import { UsageError } from '../../errors.js';
import { connectionByLinkedin, getConnection, insertConnection } from '../../db/repos/connections.js';
import { EMPTY_ICP, getIcp } from '../../db/repos/profile.js';
import { resolveRelation } from '../../db/repos/relations.js';

interface Flags {
  title?: string;
  company?: string;
  industry?: string;
  size?: number;
  location?: string;
  linkedin?: string;
  email?: string;
}

const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : cleanName(v));

export default async function connectionAdd(ctx: Context, [ref, name]: string[], opts: Flags): Promise<void> {
  const clean = cleanName(name ?? '');
  if (!clean) throw new UsageError('a connection needs a name');
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  const now = ctx.now();
  const linkedin = opts.linkedin?.trim() || null;
  const twin = linkedin ? connectionByLinkedin(db, relation.id, linkedin) : undefined;
  if (twin) throw new UsageError(`${relation.name} already has this LinkedIn profile as connection ${twin.id} (${twin.name})`);
  const id = insertConnection(
    db,
    relation.id,
    {
      name: clean,
      title: text(opts.title),
      company: text(opts.company),
      industry: text(opts.industry),
      size: opts.size ?? null,
      location: text(opts.location),
      linkedin,
      email: opts.email?.trim() || null,
      connectedOn: null,
    },
    'manual',
    now,
  );
  const connection = getConnection(db, id)!;
  const fit = icpFit(connection, getIcp(db) ?? EMPTY_ICP);
  if (ctx.json) return ctx.printJson({ ...connection, fit });
  ctx.print(`Added connection ${id} ${connection.name} to ${relation.name}: fit ${fit.score}${fit.reasons.length ? ` (${fit.reasons.join('; ')})` : ''}.`);
}
